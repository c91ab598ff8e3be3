using Kiln.Api.Data;
using Kiln.Api.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class RetentionTests(ApiSystemFixture system)
{
    [Fact]
    public async Task Retention_deletes_rows_older_than_the_cutoff_and_keeps_the_rest()
    {
        await using var api = await system.StartApiAsync(new Dictionary<string, string?> { ["History:RetentionDays"] = "30" });
        var now = new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var run = Guid.NewGuid().ToString("N");
        await HistoryDatabase.WaitForMigrationAsync(api);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            foreach (var (name, age) in new[] { ("old", 31.0), ("edge", 30.01), ("young", 29.99), ("new", 1.0) })
                db.RequestHistory.Add(new RequestRecord { RequestId = $"{run}-{name}", Endpoint = "/v1/test", StatusCode = 200, CreatedAt = now.AddDays(-age) });
            await db.SaveChangesAsync();
        }

        var deleted = await api.Services.GetRequiredService<HistoryRetention>().DeleteExpiredAsync(now, CancellationToken.None);

        await using var check = api.Services.CreateAsyncScope();
        var left = await check.ServiceProvider.GetRequiredService<ApiDbContext>().RequestHistory
            .Where(r => r.RequestId.StartsWith(run)).Select(r => r.RequestId).OrderBy(r => r).ToListAsync();
        Assert.True(deleted >= 2);
        Assert.Equal([$"{run}-new", $"{run}-young"], left);
    }
}
