using MassTransit;
using Kiln.Inference;
using Kiln.Inference.Ping;
using Kiln.ServiceDefaults;
using Kiln.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKilnMessaging(bus =>
{
    bus.AddConsumer<PingConsumer>(typeof(PingConsumerDefinition));
    bus.AddInferenceConsumers();
});
builder.AddInference();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
