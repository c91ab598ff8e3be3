using Kiln.Alerts.AlertLog;
using Kiln.Alerts.Data;
using Kiln.ServiceDefaults;
using Kiln.ServiceDefaults.Data;
using Kiln.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKilnMessaging(bus =>
{
    bus.AddConsumer<AlertRaisedConsumer>();
    bus.AddConsumer<AlertResolvedConsumer>();
});
builder.AddKilnDatabase<AlertsDbContext>(AlertsDbContext.Schema);

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
