using Kiln.ServiceDefaults.Health;

namespace Kiln.Alerts.Delivery;

/// <summary>Email and Slack channels, the outbox dispatcher and the worker that drives it.</summary>
public static class DeliveryExtensions
{
    public static IHostApplicationBuilder AddAlertDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReceiverChannels>();
        builder.Services.AddSingleton<DeliveryPipelines>();
        builder.Services.AddScoped<OutboxWriter>();
        builder.Services.AddScoped<OutboxDispatcher>();
        builder.Services.AddScoped<IChannelSender, EmailSender>();
        builder.Services.AddScoped<IChannelSender, SlackSender>();
        // Retries and the breaker live in DeliveryPipelines (per receiver); the default handler would retry again inside.
#pragma warning disable EXTEXP0001 // the only way to take the standard handler of ConfigureHttpClientDefaults off one client
        builder.Services.AddHttpClient(SlackSender.ClientName, (services, client) =>
            client.Timeout = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AlertsOptions>>().Value.Slack.Timeout)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // HttpClient logs request URIs at Information, and a webhook URL is a secret.
        builder.Logging.AddFilter($"System.Net.Http.HttpClient.{SlackSender.ClientName}", LogLevel.Warning);
        builder.Services.AddHostedService<AlertsWorker>();
        builder.Services.AddHealthChecks().AddCheck<ReceiversHealthCheck>("receivers", tags: [HealthTags.Ready]);
        return builder;
    }
}
