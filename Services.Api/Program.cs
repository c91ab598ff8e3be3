using Kiln.Api.Data;
using Kiln.Api.Keys;
using Kiln.Api.Models;
using Kiln.Api.Ping;
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

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseApiKeyAuthentication();
app.MapPingApi();
app.MapModelsApi();
app.MapKeysAdminApi();

app.Run();
