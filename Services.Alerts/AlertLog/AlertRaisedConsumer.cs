using Kiln.Alerts.Data;
using Kiln.Contracts;
using MassTransit;

namespace Kiln.Alerts.AlertLog;

/// <summary>Records a raised alert; a repeat of an open alert only bumps its count.</summary>
public sealed class AlertRaisedConsumer(AlertsDbContext db) : IConsumer<AlertRaised>
{
    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        var raised = context.Message;
        var alert = await db.Alerts.FindAsync([raised.Fingerprint], context.CancellationToken);
        if (alert is null || alert.ResolvedAt is not null)
        {
            if (alert is not null) db.Alerts.Remove(alert);
            db.Alerts.Add(new AlertRecord
            {
                Fingerprint = raised.Fingerprint,
                Name = raised.Name,
                Severity = raised.Severity,
                Service = raised.Service,
                Summary = raised.Summary,
                Occurrences = 1,
                FirstRaisedAt = raised.RaisedAt,
                LastRaisedAt = raised.RaisedAt,
            });
        }
        else
        {
            alert.Occurrences++;
            alert.LastRaisedAt = raised.RaisedAt;
            alert.Summary = raised.Summary;
        }
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
