using System.Text.RegularExpressions;
using Kiln.Contracts;

namespace Kiln.Monitoring.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class DashboardOverviewTests(DashboardServers servers)
{
    [Fact]
    public async Task Rate_limit_refusals_and_server_errors_published_on_the_bus_show_in_the_overview()
    {
        await using var instance = await servers.StartAsync();
        await using var bus = await BusObserver.StartAsync(servers.RabbitMq.ConnectionString);
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);

        int[] statuses = [200, 429, 429, 429, 500];
        foreach (var (status, i) in statuses.Select((s, i) => (s, i)))
        {
            await bus.PublishAsync(new ApiRequestCompleted($"req-{i}", "key-1", "/v1/chat/completions", "m", status,
                status == 200 ? null : "error", null, 12.5, 3, 4, DateTimeOffset.UtcNow));
        }

        // One minute: 5 requests, 1 server error (20 %), 3 refusals.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string row;
        do
        {
            var html = await client.Http.GetStringAsync("dashboard");
            row = Whitespace().Replace(MinuteRow().Match(html).Value, "");
            if (row.Contains("<td>1m</td><td>5</td><td>20%</td><td>3</td>", StringComparison.Ordinal)) return;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"the 1 min row never showed the published requests: {row}");
    }

    [GeneratedRegex("""<tr data-window="1m">.*?</tr>""", RegexOptions.Singleline)]
    private static partial Regex MinuteRow();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
