using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiln.Testing.Receivers;

/// <summary>A webhook call the <see cref="SlackWebhookReceiver"/> accepted: its path and JSON body.</summary>
public sealed record SlackWebhookCall(string Path, string Body)
{
    public JsonNode? Json => JsonNode.Parse(Body);

    /// <summary>The top-level "text" (Slack's fallback text).</summary>
    public string? Text => Json?["text"]?.GetValue<string>();
}

/// <summary>
/// Stands in for a Slack incoming webhook: Kestrel on a free loopback port, accepting POSTs with "ok" like Slack,
/// or answering 500 while told to fail.
/// </summary>
public sealed class SlackWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failRemaining;
    private volatile bool failing;
    private int refused;

    private SlackWebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The URL to configure as the webhook.</summary>
    public Uri WebhookUrl { get; private set; } = null!;

    /// <summary>Accepted calls (answered 200), in order.</summary>
    public ReceivedLog<SlackWebhookCall> Calls { get; } = new();

    /// <summary>Calls answered with 500.</summary>
    public int Refused => Volatile.Read(ref refused);

    /// <summary>While true, every call gets a 500.</summary>
    public bool Failing { get => failing; set => failing = value; }

    /// <summary>Starts on 127.0.0.1 on a free port.</summary>
    public static async Task<SlackWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SlackWebhookReceiver(app);
        app.MapPost("/{**path}", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.WebhookUrl = new Uri($"{address}/services/T0TEST/B0TEST/kilntestsecret");
        return receiver;
    }

    /// <summary>Answers the next <paramref name="count"/> calls with 500.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failRemaining, count);

    /// <summary>Waits until at least <paramref name="count"/> calls were accepted.</summary>
    public Task<IReadOnlyList<SlackWebhookCall>> WaitForMessagesAsync(int count, TimeSpan timeout) => Calls.WaitForAsync(count, timeout, "Slack messages");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (failing || Interlocked.Decrement(ref failRemaining) >= 0)
        {
            Interlocked.Increment(ref refused);
            return Results.Text("internal_error", statusCode: StatusCodes.Status500InternalServerError);
        }
        Calls.Add(new SlackWebhookCall(context.Request.Path, body));
        return Results.Text("ok");
    }
}
