using Kiln.Contracts;
using Kiln.Monitoring.Data;
using MassTransit;

namespace Kiln.Monitoring.HealthHistory;

/// <summary>Keeps every reported health change, for the dashboard's history.</summary>
public sealed class ServiceHealthChangedConsumer(MonitoringDbContext db) : IConsumer<ServiceHealthChanged>
{
    public async Task Consume(ConsumeContext<ServiceHealthChanged> context)
    {
        var change = context.Message;
        db.HealthTransitions.Add(new HealthTransition
        {
            Service = change.Service,
            Component = change.Component,
            Previous = change.Previous,
            Current = change.Current,
            Description = change.Description,
            ChangedAt = change.ChangedAt,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
