using System.Diagnostics;

namespace Kiln.ServiceDefaults.Tests;

public class GracefulShutdownTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [Theory]
    [InlineData(SigTerm, 143)]
    [InlineData(SigInt, 130)]
    public async Task A_signal_stops_the_service_with_the_shell_exit_code(int signal, int expectedExitCode)
    {
        await using var host = await TestHostProcess.StartAsync();
        host.Signal(signal);
        Assert.Equal(expectedExitCode, await host.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task In_flight_requests_finish_during_the_drain()
    {
        await using var host = await TestHostProcess.StartAsync(new Dictionary<string, string> { ["Shutdown__Timeout"] = "00:00:20" });
        var slow = host.Http.GetAsync("/slow?ms=2000");
        await Task.Delay(300);
        host.Signal(SigTerm);

        using var response = await slow;
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(143, await host.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_second_signal_forces_an_immediate_exit()
    {
        await using var host = await TestHostProcess.StartAsync(new Dictionary<string, string> { ["Shutdown__Timeout"] = "00:01:00" });
        var slow = host.Http.GetAsync("/slow?ms=30000");
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();
        host.Signal(SigTerm);
        await Task.Delay(300);
        host.Signal(SigTerm);

        Assert.Equal(143, await host.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => slow);
    }
}
