using System.Diagnostics;
using System.Text.Json;
using Kiln.Alerts.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Kiln.Alerts.Delivery;

/// <summary>
/// Delivers pending notifications. Each is sent while its row is locked (FOR UPDATE SKIP LOCKED) and marked sent
/// in that same transaction, so two instances never both send it; a crash between the send and the commit
/// sends it again (SMTP and webhooks are at-least-once at that edge).
/// </summary>
public sealed class OutboxDispatcher(
    AlertsDbContext db,
    IEnumerable<IChannelSender> senders,
    DeliveryPipelines pipelines,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Sends up to <paramref name="max"/> due notifications; returns how many it tried.</summary>
    public async Task<int> DeliverDueAsync(int max, CancellationToken ct)
    {
        var tried = 0;
        for (; tried < max; tried++)
        {
            var now = time.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var notification = await db.Notifications.FromSql($"""
                SELECT * FROM alerts.notifications WHERE "Status" = 'pending' AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).AsTracking().SingleOrDefaultAsync(ct);
            if (notification is null) break;
            await AttemptAsync(notification, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return tried;
    }

    private async Task AttemptAsync(Notification notification, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        string outcome;
        string? error = null;
        try
        {
            var content = JsonSerializer.Deserialize<NotificationContent>(notification.PayloadJson)
                ?? throw new InvalidOperationException("The notification has no content.");
            var sender = senders.Single(s => s.Channel == notification.Channel);
            await pipelines.For(notification.Receiver, notification.Channel)
                .ExecuteAsync(async token => await sender.SendAsync(notification, content, token), ct);
            outcome = "sent";
        }
        catch (BrokenCircuitException e)
        {
            outcome = "circuit-open";
            error = e.Message;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            outcome = "failed";
            error = e.GetBaseException().Message;
        }

        var now = time.GetUtcNow();
        notification.Attempts++;
        if (outcome == "sent")
        {
            notification.Status = NotificationStatus.Sent;
            notification.SentAt = now;
            notification.LastError = null;
            logger.LogInformation("Sent \"{Title}\" to {Receiver}/{Channel} ({Recipient}) after {Attempts} attempt(s)",
                notification.Title, notification.Receiver, notification.Channel, notification.Recipient, notification.Attempts);
        }
        else
        {
            notification.LastError = Truncate(error ?? outcome, 2_000);
            notification.NextAttemptAt = now + Backoff(notification.Attempts);
            logger.LogWarning("Could not send \"{Title}\" to {Receiver}/{Channel} (attempt {Attempts}, {Outcome}): {Error}; next try at {Next:O}",
                notification.Title, notification.Receiver, notification.Channel, notification.Attempts, outcome, notification.LastError, notification.NextAttemptAt);
        }
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            NotificationId = notification.Id,
            Attempt = notification.Attempts,
            At = now,
            Outcome = outcome,
            Error = notification.LastError,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        });
    }

    // Exponential with full jitter, capped: the outbox's own retry, which also survives restarts.
    private TimeSpan Backoff(int attempts)
    {
        var delivery = options.Value.Delivery;
        var exponential = delivery.Backoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = Math.Min(exponential, delivery.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
