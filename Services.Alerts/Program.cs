using Kiln.Alerts.Admin;
using Kiln.Alerts.AlertLog;
using Kiln.Alerts.Data;
using Kiln.Alerts.Delivery;
using Kiln.Alerts.Grouping;
using Kiln.Alerts.Silences;
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
builder.AddAlertRouting();
builder.AddAlertDelivery();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAlertsAdminApi();
app.MapSilencesApi();

app.Run();
