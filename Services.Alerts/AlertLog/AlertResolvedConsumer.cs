using Kiln.Alerts.Data;
using Kiln.Contracts;
using MassTransit;

namespace Kiln.Alerts.AlertLog;

/// <summary>Marks an open alert resolved; resolving twice or resolving an unknown alert changes nothing.</summary>
public sealed class AlertResolvedConsumer(AlertsDbContext db) : IConsumer<AlertResolved>
{
    public async Task Consume(ConsumeContext<AlertResolved> context)
    {
        var alert = await db.Alerts.FindAsync([context.Message.Fingerprint], context.CancellationToken);
        if (alert is null || alert.ResolvedAt is not null) return;
        alert.ResolvedAt = context.Message.ResolvedAt;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
