using Kiln.Contracts;
using Kiln.Inference.Ping;
using Kiln.ServiceDefaults;
using Kiln.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKilnMessaging(bus => bus.AddConsumer<PingConsumer>().Endpoint(e => e.Name = QueueNames.InferencePing));

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
