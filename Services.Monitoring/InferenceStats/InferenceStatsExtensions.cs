using MassTransit;

namespace Kiln.Monitoring.InferenceStats;

/// <summary>Registers the inference statistics and the consumer that feeds them.</summary>
public static class InferenceStatsExtensions
{
    public static IHostApplicationBuilder AddInferenceStatistics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InferenceStatistics>();
        builder.Services.AddSingleton<IInferenceStatistics>(sp => sp.GetRequiredService<InferenceStatistics>());
        return builder;
    }

    public static void AddInferenceStatsConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<InferenceCompletedConsumer>();
}
