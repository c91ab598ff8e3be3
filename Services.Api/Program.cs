using Kiln.Api.About;
using Kiln.Api.Chat;
using Kiln.Api.Completions;
using Kiln.Api.Data;
using Kiln.Api.Docs;
using Kiln.Api.Errors;
using Kiln.Api.Generation;
using Kiln.Api.History;
using Kiln.Api.Keys;
using Kiln.Api.Models;
using Kiln.Api.Ping;
using Kiln.Api.RateLimiting;
using Kiln.Api.Redis;
using Kiln.Api.Timing;
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
builder.AddGeneration();
builder.AddRateLimits();
builder.AddHistory();
builder.AddApiDocs();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseProcessTime();
app.UseRequestHistory();
app.UseOpenAiErrors();
app.UseFailedAuthLimits();
app.UseApiKeyAuthentication();
app.UseRateLimits();
app.MapAboutApi();
app.MapPingApi();
app.MapChatApi();
app.MapCompletionsApi();
app.MapModelsApi();
app.MapKeysAdminApi();
app.MapRateLimitAdminApi();
app.MapHistoryAdminApi();
app.MapApiDocs();

app.Run();
