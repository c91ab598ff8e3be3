using System.Diagnostics;
using Kiln.AppHost;
using Kiln.AppHost.Hosting;
using Kiln.Testing.Receivers;

namespace Kiln.EndToEnd;

/// <summary>Through the AppHost: a service stopped pages on-call by email and Slack, and its return sends the resolved notice.</summary>
public sealed class AlertingTests(AlertingSystemFixture system) : IClassFixture<AlertingSystemFixture>
{
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stopping_inference_pages_by_email_and_Slack_and_starting_it_again_sends_the_resolved_notice()
    {
        var inference = system.App.GetResource(KilnSystem.Inference);
        var pid = inference.Pid!.Value;

        await system.App.StopServiceAsync(KilnSystem.Inference);

        Assert.Equal(ResourceState.Stopped, inference.State);
        Assert.True(HasExited(pid), $"inference (pid {pid}) still runs\n{system.Output.Tail()}");
        var downMail = await WaitForAsync(() => About(system.Smtp.Messages.Snapshot(), m => m.Data, "FIRING"), "the down email");
        var downSlack = await WaitForAsync(() => About(system.Slack.Calls.Snapshot(), c => c.Body, "service-down"), "the down Slack message");
        Assert.Contains("service-down", downMail.Data, StringComparison.Ordinal);

        await system.App.StartServiceAsync(KilnSystem.Inference);

        Assert.Equal(ResourceState.Running, inference.State);
        var resolvedMail = await WaitForAsync(() => About(system.Smtp.Messages.Snapshot(), m => m.Data, "RESOLVED"), "the resolved email");
        var resolvedSlack = await WaitForAsync(
            () => About(system.Slack.Calls.Snapshot().Where(c => !ReferenceEquals(c, downSlack)).ToList(), c => c.Body, "resolved", ignoreCase: true),
            "the resolved Slack message");
        // Once each: the down notice is not repeated inside repeat_interval.
        Assert.Single(system.Smtp.Messages.Snapshot(), m => IsAboutInference(m.Data) && m.Data.Contains("FIRING", StringComparison.Ordinal));
        Assert.NotNull(resolvedMail);
        Assert.NotNull(resolvedSlack);
    }

    private static T? About<T>(IReadOnlyList<T> received, Func<T, string> text, string marker, bool ignoreCase = false) where T : class =>
        received.FirstOrDefault(r => IsAboutInference(text(r))
            && text(r).Contains(marker, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    private static bool IsAboutInference(string text) => text.Contains(KilnSystem.Inference, StringComparison.Ordinal);

    private async Task<T> WaitForAsync<T>(Func<T?> find, string what) where T : class
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < NoticeTimeout)
        {
            if (find() is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException(
            $"{what} did not arrive within {NoticeTimeout.TotalSeconds:0} s; emails: {system.Smtp.Messages.Count}, Slack calls: {system.Slack.Calls.Count}\n{system.Output.Tail()}");
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
