using Kiln.Api.Data;
using Kiln.Api.History;
using Kiln.Api.Keys;
using Kiln.Api.Models;
using Kiln.Api.Ping;
using Kiln.Api.RateLimiting;
using Kiln.Api.Redis;
using Kiln.Contracts;
using Kiln.ServiceDefaults;
using Kiln.ServiceDefaults.Data;
using Kiln.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKilnMessaging(bus => bus.AddRequestClient<Ping>(new Uri($"queue:{QueueNames.InferencePing}")));
builder.AddKilnDatabase<ApiDbContext>(ApiDbContext.Schema);
builder.AddRedis();
builder.AddApiKeys();
builder.AddModels();
builder.AddRateLimits();
builder.AddHistory();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRequestHistory();
app.UseFailedAuthLimits();
app.UseApiKeyAuthentication();
app.UseRateLimits();
app.MapPingApi();
app.MapModelsApi();
app.MapKeysAdminApi();
app.MapRateLimitAdminApi();
app.MapHistoryAdminApi();

app.Run();
