namespace Kiln.Api.History;

public static class HistoryExtensions
{
    /// <summary>Request history: the queue, its batch writer, ApiRequestCompleted events and retention.</summary>
    public static IHostApplicationBuilder AddHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HistoryQueue>();
        builder.Services.AddSingleton<ClientAddressHasher>();
        builder.Services.AddSingleton<HistoryWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<HistoryWriter>());
        builder.Services.AddSingleton<CompletedRequestPublisher>();
        builder.Services.AddHostedService(s => s.GetRequiredService<CompletedRequestPublisher>());
        builder.Services.AddSingleton<HistoryRetention>();
        builder.Services.AddHostedService(s => s.GetRequiredService<HistoryRetention>());
        return builder;
    }

    /// <summary>Outermost for the recorded paths: times the request and records it when it is done.</summary>
    public static IApplicationBuilder UseRequestHistory(this IApplicationBuilder app) => app.UseMiddleware<RequestHistoryMiddleware>();
}
