using Kiln.Alerts.Grouping;
using Kiln.Contracts;
using MassTransit;

namespace Kiln.Alerts.AlertLog;

/// <summary>Records a raised alert (a repeat of an open alert only bumps its count) and puts it in its groups.</summary>
public sealed class AlertRaisedConsumer(AlertIntake intake) : IConsumer<AlertRaised>
{
    public Task Consume(ConsumeContext<AlertRaised> context) => intake.RaiseAsync(context.Message, context.CancellationToken);
}
