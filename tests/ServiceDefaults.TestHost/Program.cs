// A service made of ServiceDefaults alone, run as a real process by ServiceDefaults.Tests.
using Kiln.ServiceDefaults;
using Kiln.ServiceDefaults.Messaging;
using Kiln.ServiceDefaults.TestHost;
using MassTransit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKilnMessaging(bus => bus.AddConsumer<ProbeConsumer>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGet("/echo", () => TypedResults.Ok(new { ok = true }));
app.MapGet("/log", (string value, ILogger<Program> logger) =>
{
    logger.LogInformation("Caller sent {Value}", value);
    return TypedResults.NoContent();
});
app.MapGet("/log-headers", (HttpRequest request, ILogger<Program> logger) =>
{
    logger.LogInformation("Request headers: {Headers}", string.Join("; ", request.Headers.Select(h => $"{h.Key}: {h.Value}")));
    logger.LogInformation("Connecting with {ConnectionString}", app.Configuration.GetConnectionString("postgres"));
    return TypedResults.NoContent();
});
app.MapGet("/boom", string () => throw new InvalidOperationException("Boom for the Sentry test"));
app.MapGet("/slow", async (int ms) =>
{
    // Deliberately ignores the abort token: it stands for work that must finish during the drain.
    await Task.Delay(ms);
    return TypedResults.Ok(new { sleptMs = ms });
});

app.MapGet("/probe", async (string text, IPublishEndpoint publish) =>
{
    await publish.Publish(new Probe(text));
    for (var i = 0; i < 100 && !ProbeConsumer.Seen.ContainsKey(text); i++) await Task.Delay(50);
    return ProbeConsumer.Seen.TryGetValue(text, out var id)
        ? Results.Ok(new { correlationId = id })
        : Results.Problem("the probe was not consumed within 5 s");
});

app.Run();
