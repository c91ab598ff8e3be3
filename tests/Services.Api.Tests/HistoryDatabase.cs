using System.Diagnostics;
using Kiln.Api.Data;
using Kiln.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Api.Tests;

/// <summary>Waits (bounded) until an instance has applied its migrations, which it does in the background at start.</summary>
internal static class HistoryDatabase
{
    public static async Task WaitForMigrationAsync(ApiInstance api)
    {
        var state = api.Services.GetRequiredService<DatabaseState<ApiDbContext>>();
        var clock = Stopwatch.StartNew();
        while (!state.IsMigrated && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        Assert.True(state.IsMigrated, $"migrations did not finish within 20 s: {state.Problem}");
    }
}
