using Kiln.Alerts.Grouping;
using Kiln.Contracts;
using MassTransit;

namespace Kiln.Alerts.AlertLog;

/// <summary>Marks an open alert resolved; its groups send the resolved notice at their next flush.</summary>
public sealed class AlertResolvedConsumer(AlertIntake intake) : IConsumer<AlertResolved>
{
    public Task Consume(ConsumeContext<AlertResolved> context) => intake.ResolveAsync(context.Message, context.CancellationToken);
}
