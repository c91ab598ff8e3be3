using System.Text.Json;
using Kiln.Alerts.Data;
using Kiln.Alerts.Delivery;
using Kiln.ServiceDefaults.Admin;
using Kiln.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Alerts.Admin;

/// <summary>GET /admin/alerts (groups and their alerts), GET /admin/deliveries (the log, paged), POST /admin/alerts/test.</summary>
public static class AlertsAdminApi
{
    public static RouteGroupBuilder MapAlertsAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAdminToken();
        admin.MapGet("/alerts", Groups);
        admin.MapPost("/alerts/test", SendTest);
        admin.MapGet("/deliveries", Deliveries);
        admin.MapGet("/deliveries/{id:guid}", Delivery);
        return admin;
    }

    public sealed record AlertView(string Fingerprint, string Name, string Severity, string Service, string Summary, int Occurrences,
        DateTimeOffset FirstRaisedAt, DateTimeOffset LastRaisedAt, DateTimeOffset? ResolvedAt, IReadOnlyDictionary<string, string> Labels);

    public sealed record GroupView(string Id, string Receiver, IReadOnlyDictionary<string, string> GroupLabels, DateTimeOffset? NextFlushAt,
        DateTimeOffset? LastNotifiedAt, IReadOnlyList<AlertView> Alerts);

    public sealed record AlertsView(IReadOnlyList<GroupView> Groups, IReadOnlyList<AlertView> Firing);

    public sealed record DeliveryView(Guid Id, string Receiver, string Channel, string Recipient, string Title, string Status, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? LastError);

    public sealed record DeliveryPage(int Page, int PageSize, int Total, IReadOnlyList<DeliveryView> Items);

    public sealed record AttemptView(int Attempt, DateTimeOffset At, string Outcome, string? Error, double DurationMs);

    public sealed record DeliveryDetail(DeliveryView Notification, IReadOnlyList<AttemptView> Attempts);

    public sealed record TestQueued(IReadOnlyList<DeliveryView> Notifications);

    private static async Task<Ok<AlertsView>> Groups(AlertsDbContext db, CancellationToken ct)
    {
        var groups = await db.Groups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Id).Take(500).ToListAsync(ct);
        var fingerprints = groups.SelectMany(g => g.Members.Select(m => m.Fingerprint)).ToHashSet();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt == null || fingerprints.Contains(a.Fingerprint))
            .OrderByDescending(a => a.LastRaisedAt).Take(2_000).ToListAsync(ct);
        var views = alerts.ToDictionary(a => a.Fingerprint, a => new AlertView(a.Fingerprint, a.Name, a.Severity.ToString(), a.Service, a.Summary,
            a.Occurrences, a.FirstRaisedAt, a.LastRaisedAt, a.ResolvedAt, JsonSerializer.Deserialize<Dictionary<string, string>>(a.LabelsJson) ?? []));
        var groupViews = groups.Select(g => new GroupView(g.Id, g.Receiver,
            JsonSerializer.Deserialize<Dictionary<string, string>>(g.GroupLabelsJson) ?? [], g.NextFlushAt, g.LastNotifiedAt,
            g.Members.Select(m => views.GetValueOrDefault(m.Fingerprint)).OfType<AlertView>().ToList())).ToList();
        return TypedResults.Ok(new AlertsView(groupViews, views.Values.Where(v => v.ResolvedAt is null).ToList()));
    }

    private static async Task<Ok<DeliveryPage>> Deliveries(AlertsDbContext db, int? page, int? pageSize, string? status, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(page ?? 1, 1);
        var query = db.Notifications.AsNoTracking();
        if (!string.IsNullOrEmpty(status)) query = query.Where(n => n.Status == status);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryPage(number, size, total, items.Select(View).ToList()));
    }

    private static async Task<Results<Ok<DeliveryDetail>, NotFound>> Delivery(Guid id, AlertsDbContext db, CancellationToken ct)
    {
        var notification = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return TypedResults.NotFound();
        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.NotificationId == id).OrderBy(a => a.Attempt)
            .Select(a => new AttemptView(a.Attempt, a.At, a.Outcome, a.Error, a.DurationMs)).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryDetail(View(notification), attempts));
    }

    private static async Task<Results<Accepted<TestQueued>, Conflict<string>>> SendTest(AlertsDbContext db, OutboxWriter outbox, ReceiverChannels channels, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var queued = new List<Notification>();
        foreach (var receiver in channels.ReceiverNames)
        {
            var content = new NotificationContent(NotificationContent.Firing, receiver, new Dictionary<string, string>(),
            [
                new NotifiedAlert($"test-{now.ToUnixTimeMilliseconds()}", "KilnAlertTest", Severity.Info, "alerts",
                    "A test notice from Kiln's alerts service: this receiver works.", new Dictionary<string, string>(), now, null, []),
            ], IsTest: true);
            queued.AddRange(outbox.Enqueue(null, receiver, content, now));
        }
        if (queued.Count == 0) return TypedResults.Conflict("No alert channel is configured (Alerts:Email:SmtpHost, Alerts:Slack:WebhookUrl).");
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted("/admin/deliveries", new TestQueued(queued.Select(View).ToList()));
    }

    private static DeliveryView View(Notification n) =>
        new(n.Id, n.Receiver, n.Channel, n.Recipient, n.Title, n.Status, n.Attempts, n.CreatedAt, n.SentAt, n.NextAttemptAt, n.LastError);
}
