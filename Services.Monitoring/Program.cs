using Kiln.Monitoring.Admin;
using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.Dashboard;
using Kiln.Monitoring.Data;
using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.HealthChecks;
using Kiln.Monitoring.HealthHistory;
using Kiln.Monitoring.InferenceStats;
using Kiln.ServiceDefaults;
using Kiln.ServiceDefaults.Data;
using Kiln.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKilnMessaging(bus =>
{
    bus.AddConsumer<ServiceHealthChangedConsumer>();
    bus.AddErrorTrackingConsumers();
    bus.AddInferenceStatsConsumers();
});
builder.AddKilnDatabase<MonitoringDbContext>(MonitoringDbContext.Schema);
builder.AddHealthPolling();
builder.AddErrorTracking();
builder.AddInferenceStatistics();
builder.AddAlertRules();
builder.AddMonitoringAdminApi();
builder.AddDashboard();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseDashboard();
app.MapMonitoringAdminApi();
app.MapDashboard();

app.Run();
