using System.Diagnostics;
using System.Net;
using Npgsql;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class HistoryOutageTests(ApiSystemFixture system)
{
    [Fact]
    public async Task PostgreSQL_outage_does_not_fail_requests_and_rows_are_written_once_it_is_back()
    {
        await using var proxy = new HistoryOutageProxy(new NpgsqlConnectionStringBuilder(system.Postgres.ConnectionString).Port);
        proxy.Start();
        var viaProxy = new NpgsqlConnectionStringBuilder(system.Postgres.ConnectionString) { Port = proxy.Port, Pooling = false }.ConnectionString;
        await using var api = await system.StartApiAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = viaProxy,
            ["RateLimiting:LimitedPaths:0"] = "/v1",
            ["History:RecordedPaths:0"] = "/api",
        });
        using var client = api.CreateClient();
        var run = Guid.NewGuid().ToString("N");
        await HistoryDatabase.WaitForMigrationAsync(api);

        proxy.Cut();
        var statuses = new List<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/ping", UriKind.Relative));
            request.Headers.Add("X-Request-ID", $"{run}-{i}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        var during = clock.Elapsed;
        await Task.Delay(500);
        var writtenDuringOutage = await CountAsync(run);
        proxy.Start();

        var rows = 0;
        var wait = Stopwatch.StartNew();
        while (rows < 5 && wait.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
            rows = await CountAsync(run);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(during < TimeSpan.FromSeconds(5), $"requests took {during} while PostgreSQL was unreachable");
        Assert.Equal(0, writtenDuringOutage);
        Assert.Equal(5, rows);
    }

    private async Task<int> CountAsync(string run)
    {
        await using var connection = new NpgsqlConnection(system.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM api.request_history WHERE "RequestId" LIKE @run""", connection);
        command.Parameters.AddWithValue("run", run + "-%");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
