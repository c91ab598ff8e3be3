using System.Diagnostics;
using Kiln.Testing.Receivers;

namespace Kiln.Bench.AlertLatency;

/// <summary>Timestamps the firing notices that Services.Alerts delivers to the local SMTP sink and Slack webhook receiver.</summary>
public sealed class NoticeWatcher(SmtpSink smtp, SlackWebhookReceiver slack)
{
    /// <summary>How many of each were received so far; a wait looks only at what comes after.</summary>
    public (int Emails, int SlackCalls) Mark() => (smtp.Messages.Count, slack.Calls.Count);

    public Task<long> WaitForEmailAsync(string service, int after, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(() => smtp.Messages.Snapshot().Skip(after).Any(m => IsFiring(m.Subject, service)), timeout, cancellationToken);

    public Task<long> WaitForSlackAsync(string service, int after, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(() => slack.Calls.Snapshot().Skip(after).Any(c => IsFiring(c.Text, service)), timeout, cancellationToken);

    // Titles read "[FIRING:1] service-down (bench-killable)"; resolved notices start with "[RESOLVED]".
    private static bool IsFiring(string? title, string service) =>
        title is not null && title.Contains("[FIRING", StringComparison.Ordinal) && title.Contains(service, StringComparison.Ordinal);

    private static async Task<long> WaitAsync(Func<bool> arrived, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (arrived()) return Stopwatch.GetTimestamp();
            await Task.Delay(5, cancellationToken);
        }
        throw new TimeoutException($"no notice within {timeout.TotalSeconds:0} s");
    }
}
