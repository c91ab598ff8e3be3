namespace Kiln.Monitoring.HealthChecks;

/// <summary>Registers the poller, its targets, the status board and retention.</summary>
public static class HealthCheckingExtensions
{
    public static IHostApplicationBuilder AddHealthPolling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthPollingOptions>().BindConfiguration(HealthPollingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HealthTargets>();
        builder.Services.AddSingleton<HealthStatusBoard>();
        builder.Services.AddSingleton<IHealthStatusBoard>(sp => sp.GetRequiredService<HealthStatusBoard>());
        builder.Services.AddSingleton<HealthPoller>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HealthPoller>());
        builder.Services.AddSingleton<HealthRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HealthRetention>());
        return builder;
    }
}
