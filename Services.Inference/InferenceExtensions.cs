using Kiln.Inference.Messaging;
using Kiln.Inference.Generation;
using Kiln.Inference.Gpu;
using Kiln.Inference.Hosting;
using Kiln.ServiceDefaults.Health;
using MassTransit;

namespace Kiln.Inference;

/// <summary>Registrations of the inference service, one call per concern.</summary>
public static class InferenceExtensions
{
    /// <summary>The engine options, the model host (load, intake, drain), GPU figures and the "model" readiness check.</summary>
    public static WebApplicationBuilder AddInference(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InferenceOptions>()
            .BindConfiguration(InferenceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IGpuMonitor>(_ => new NvmlGpuMonitor());
        builder.Services.AddSingleton<ActiveGenerations>();
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelHost>());
        builder.Services.AddHealthChecks().AddCheck<ModelHealthCheck>("model", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// GenerateText on the "inference" queue (connected by <see cref="ModelHost"/> once the model is loaded) and
    /// CancelGeneration on a temporary queue of this instance, so every instance sees every cancellation.
    /// </summary>
    public static IBusRegistrationConfigurator AddInferenceConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<GenerateTextConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<DescribeModelConsumer>().Endpoint(endpoint => endpoint.Name = Contracts.QueueNames.InferenceModels);
        // Unique per bus, not per process: two instances hosted in one process must not compete for a queue.
        var instanceId = $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";
        bus.AddConsumer<CancelGenerationConsumer>().Endpoint(endpoint =>
        {
            endpoint.InstanceId = instanceId;
            endpoint.Temporary = true;
        });
        return bus;
    }
}
