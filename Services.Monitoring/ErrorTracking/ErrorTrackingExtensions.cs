using MassTransit;

namespace Kiln.Monitoring.ErrorTracking;

/// <summary>Registers the error statistics and the consumers that feed them.</summary>
public static class ErrorTrackingExtensions
{
    public static IHostApplicationBuilder AddErrorTracking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ErrorStatistics>();
        builder.Services.AddSingleton<IErrorStatistics>(sp => sp.GetRequiredService<ErrorStatistics>());
        return builder;
    }

    public static void AddErrorTrackingConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ErrorOccurredConsumer>();
        bus.AddConsumer<ApiRequestCompletedConsumer>();
        bus.AddConsumer<FaultConsumer>();
    }
}
