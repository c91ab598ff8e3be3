using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Kiln.ServiceDefaults.Health;
using Kiln.ServiceDefaults.Shutdown;

namespace Kiln.ServiceDefaults.Messaging;

/// <summary>MassTransit 8 over RabbitMQ, configured the same way in every service.</summary>
public static class MessagingExtensions
{
    private const string MassTransitCheckName = "masstransit-bus";

    /// <summary>
    /// Registers the bus from <c>ConnectionStrings__rabbitmq</c>: consumers from <paramref name="configure"/>,
    /// kebab-case endpoint names, exponential message retry, request-id propagation and the "rabbitmq" readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddKilnMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var endpoint = RabbitMqEndpoint.Parse(builder.Configuration.GetConnectionString("rabbitmq") ?? RabbitMqEndpoint.LocalDefault);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.ConfigureHealthCheckOptions(health => health.Name = MassTransitCheckName);
            configure?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(endpoint.Host, endpoint.Port, endpoint.VirtualHost, serviceName, host =>
                {
                    host.Username(endpoint.Username);
                    host.Password(endpoint.Password);
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                });
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
                    retry.Ignore<ArgumentException>();
                    retry.Ignore<FormatException>();
                });
                // Not scoped filters: those need a DI scope, which a publish from IBus outside a consumer does not have.
                rabbit.ConfigureSend(send => send.UseExecute(CorrelationStamp.Apply));
                rabbit.ConfigurePublish(publish => publish.UseExecute(CorrelationStamp.Apply));
                rabbit.UseConsumeFilter(typeof(CorrelationConsumeFilter<>), context);
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddSingleton(endpoint);
        builder.Services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>("rabbitmq", tags: [HealthTags.Ready]);
        // Ours replaces MassTransit's own check, whose "Not ready: not started" does not say what is wrong.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations.Where(r => r.Name == MassTransitCheckName).ToList()) o.Registrations.Remove(registration);
        });
        // MassTransit logs every failed reconnect with a stack trace; the health log reports the outage once.
        builder.Logging.AddFilter("MassTransit", LogLevel.Error);

        // Start in the background: a broker that is down makes the service unready, not crash.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = shutdown.Value.Timeout;
        });
        return builder;
    }
}
