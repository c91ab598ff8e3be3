using System.Text.Json;
using Kiln.Alerts.AlertLog;
using Kiln.Alerts.Data;
using Kiln.Alerts.Delivery;
using Kiln.Alerts.Inhibition;
using Kiln.Alerts.Routing;
using Kiln.Alerts.Silences;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Alerts.Grouping;

/// <summary>
/// Flushes due groups: each is locked with FOR UPDATE SKIP LOCKED, so of several instances exactly one flushes it,
/// and the notifications it decides on are written to the outbox in the same transaction that moves its timer.
/// </summary>
public sealed class GroupFlusher(AlertsDbContext db, Inhibitor inhibitor, OutboxWriter outbox, TimeProvider time, ILogger<GroupFlusher> logger)
{
    /// <summary>Flushes up to <paramref name="max"/> due groups; returns how many it flushed.</summary>
    public async Task<int> FlushDueAsync(int max, CancellationToken ct)
    {
        var flushed = 0;
        for (; flushed < max; flushed++)
        {
            var now = time.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var group = await db.Groups.FromSql($"""
                SELECT * FROM alerts.notification_groups WHERE "NextFlushAt" <= {now}
                ORDER BY "NextFlushAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).AsTracking().SingleOrDefaultAsync(ct);
            if (group is null) break;
            await FlushAsync(group, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return flushed;
    }

    private async Task FlushAsync(NotificationGroup group, DateTimeOffset now, CancellationToken ct)
    {
        var fingerprints = await db.GroupMembers.Where(m => m.GroupId == group.Id).Select(m => m.Fingerprint).ToListAsync(ct);
        var alerts = await db.Alerts.AsNoTracking().Where(a => fingerprints.Contains(a.Fingerprint)).ToListAsync(ct);
        // Matchers parsed once per flush, not once per alert and silence.
        var silences = (await db.Silences.AsNoTracking().Where(s => s.StartsAt <= now && s.EndsAt > now).ToListAsync(ct))
            .Select(s => s.Matchers()).ToList();
        var allFiring = (await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt == null).ToListAsync(ct))
            .Select(a => (a.Fingerprint, a.MatchLabels())).ToList();

        var lastFiring = group.LastNotifiedFiring.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var firing = alerts.Where(a => a.IsFiring && !IsMuted(a, silences, allFiring)).OrderBy(a => a.Fingerprint, StringComparer.Ordinal).ToList();
        var resolved = alerts.Where(a => !a.IsFiring && lastFiring.Contains(a.Fingerprint)).ToList();
        var firingKey = string.Join(',', firing.Select(a => a.Fingerprint));

        var receiver = outbox.Receiver(group.Receiver);
        var sendResolved = receiver?.SendResolved ?? true;
        var changed = firingKey != group.LastNotifiedFiring || (sendResolved && resolved.Count > 0);
        var repeatDue = firing.Count > 0 && group.LastNotifiedAt is { } last && now >= last + group.RepeatInterval;
        var toSend = firing.Concat(sendResolved ? resolved : []).ToList();

        if (toSend.Count > 0 && (changed || repeatDue) && (firing.Count > 0 || sendResolved))
        {
            var content = new NotificationContent(
                firing.Count > 0 ? NotificationContent.Firing : NotificationContent.Resolved,
                group.Receiver,
                JsonSerializer.Deserialize<Dictionary<string, string>>(group.GroupLabelsJson) ?? [],
                toSend.Select(ToNotified).ToList());
            var written = outbox.Enqueue(group.Id, group.Receiver, content, now).Count;
            group.LastNotifiedAt = now;
            logger.LogInformation("Group {Group} notifies {Receiver} ({Firing} firing, {Resolved} resolved) on {Channels} channel(s)",
                group.Id, group.Receiver, firing.Count, toSend.Count - firing.Count, written);
        }
        group.LastNotifiedFiring = firingKey;

        // Resolved alerts leave the group once their resolution was sent (or did not need to be).
        var done = alerts.Where(a => !a.IsFiring).Select(a => a.Fingerprint).ToArray();
        if (done.Length > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM alerts.group_members m USING alerts.alerts a
                WHERE m."GroupId" = {group.Id} AND m."Fingerprint" = a."Fingerprint"
                  AND a."Fingerprint" = ANY({done}) AND a."ResolvedAt" IS NOT NULL
                """, ct);
        }
        var remaining = fingerprints.Count - done.Length;
        group.NextFlushAt = remaining > 0 ? now + group.GroupInterval : null;
        if (remaining == 0) group.LastNotifiedFiring = "";
    }

    private bool IsMuted(AlertRecord alert, List<IReadOnlyList<Matcher>> silences, List<(string, IReadOnlyDictionary<string, string>)> firing)
    {
        var labels = alert.MatchLabels();
        return silences.Any(matchers => matchers.All(m => m.Matches(labels)))
            || inhibitor.IsInhibited(alert.Fingerprint, labels, firing);
    }

    private static NotifiedAlert ToNotified(AlertRecord a) => new(
        a.Fingerprint, a.Name, a.Severity, a.Service, a.Summary,
        JsonSerializer.Deserialize<Dictionary<string, string>>(a.LabelsJson) ?? [],
        a.FirstRaisedAt, a.ResolvedAt, a.Links());
}
