using Kiln.Monitoring.Dashboard;
using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthHistory;
using Kiln.ServiceDefaults;
using Kiln.ServiceDefaults.Data;
using Kiln.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKilnMessaging(bus => bus.AddConsumer<ServiceHealthChangedConsumer>());
builder.AddKilnDatabase<MonitoringDbContext>(MonitoringDbContext.Schema);
builder.AddDashboard();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseDashboard();
app.MapDashboard();

app.Run();
