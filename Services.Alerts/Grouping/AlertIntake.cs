using System.Text.Json;
using Kiln.Alerts.AlertLog;
using Kiln.Alerts.Data;
using Kiln.Alerts.Routing;
using Kiln.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Alerts.Grouping;

/// <summary>
/// Writes alerts and group membership with upserts, so concurrent consumers (in one instance or several)
/// never race on a fingerprint or a group.
/// </summary>
public sealed class AlertIntake(AlertsDbContext db, RouteTree routes, TimeProvider time)
{
    public async Task RaiseAsync(AlertRaised raised, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var raisedAt = raised.RaisedAt.ToUniversalTime();
        var labels = JsonSerializer.Serialize(raised.Labels);
        var links = JsonSerializer.Serialize(raised.Links ?? []);
        var severity = raised.Severity.ToString();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A raise after the resolve (by its own timestamp) opens the alert again; a late duplicate does not.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO alerts.alerts ("Fingerprint", "Name", "Severity", "Service", "Summary", "Occurrences", "FirstRaisedAt", "LastRaisedAt", "ResolvedAt", "LabelsJson", "LinksJson")
            VALUES ({raised.Fingerprint}, {raised.Name}, {severity}, {raised.Service}, {raised.Summary}, 1, {raisedAt}, {raisedAt}, NULL, {labels}::jsonb, {links}::jsonb)
            ON CONFLICT ("Fingerprint") DO UPDATE SET
              "Occurrences" = CASE WHEN alerts."ResolvedAt" IS NULL THEN alerts."Occurrences" + 1 ELSE 1 END,
              "FirstRaisedAt" = CASE WHEN alerts."ResolvedAt" IS NULL THEN alerts."FirstRaisedAt" ELSE EXCLUDED."FirstRaisedAt" END,
              "LastRaisedAt" = GREATEST(alerts."LastRaisedAt", EXCLUDED."LastRaisedAt"),
              "Name" = EXCLUDED."Name", "Severity" = EXCLUDED."Severity", "Service" = EXCLUDED."Service",
              "Summary" = EXCLUDED."Summary", "LabelsJson" = EXCLUDED."LabelsJson", "LinksJson" = EXCLUDED."LinksJson",
              "ResolvedAt" = NULL
            WHERE alerts."ResolvedAt" IS NULL OR alerts."ResolvedAt" < EXCLUDED."LastRaisedAt"
            """, ct);

        var matchLabels = AlertLabels.For(raised);
        foreach (var target in routes.Match(matchLabels))
        {
            var id = target.GroupKey(matchLabels);
            var groupLabels = JsonSerializer.Serialize(target.GroupLabels(matchLabels));
            var firstFlush = now + target.GroupWait;
            // A group that holds no alerts waits group_wait again; one that is ticking keeps its schedule.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO alerts.notification_groups ("Id", "Receiver", "RoutePath", "GroupLabelsJson", "GroupInterval", "RepeatInterval", "CreatedAt", "NextFlushAt", "LastNotifiedFiring")
                VALUES ({id}, {target.Receiver}, {target.Path}, {groupLabels}::jsonb, {target.GroupInterval}, {target.RepeatInterval}, {now}, {firstFlush}, '')
                ON CONFLICT ("Id") DO UPDATE SET
                  "NextFlushAt" = COALESCE(notification_groups."NextFlushAt", EXCLUDED."NextFlushAt"),
                  "GroupInterval" = EXCLUDED."GroupInterval", "RepeatInterval" = EXCLUDED."RepeatInterval"
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO alerts.group_members ("GroupId", "Fingerprint", "AddedAt") VALUES ({id}, {raised.Fingerprint}, {now})
                ON CONFLICT DO NOTHING
                """, ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task ResolveAsync(AlertResolved resolved, CancellationToken ct)
    {
        var at = resolved.ResolvedAt.ToUniversalTime();
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE alerts.alerts SET "ResolvedAt" = {at} WHERE "Fingerprint" = {resolved.Fingerprint} AND "ResolvedAt" IS NULL""", ct);
    }
}
