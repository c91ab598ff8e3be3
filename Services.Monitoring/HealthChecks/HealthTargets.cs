using Kiln.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>
/// The targets found in configuration: every <c>services:NAME:http:0</c> but Monitoring itself, and the
/// Redis, PostgreSQL and RabbitMQ connection strings that are set. Each comes with its probe.
/// </summary>
public sealed class HealthTargets : IAsyncDisposable
{
    private readonly HttpClient http;

    public HealthTargets(IConfiguration configuration, IOptions<HealthPollingOptions> options, ILogger<HealthTargets> logger)
    {
        var timeout = options.Value.CheckTimeout;
        http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var self = configuration["OTEL_SERVICE_NAME"] ?? "monitoring";
        var probes = new List<(HealthTarget, IHealthProbe)>();

        foreach (var service in configuration.GetSection("services").GetChildren().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (service.Key.Equals(self, StringComparison.OrdinalIgnoreCase) || service.Key.Equals("monitoring", StringComparison.OrdinalIgnoreCase)) continue;
            var address = service["http:0"] ?? service["https:0"];
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                logger.LogWarning("services:{Service} has no usable http:0 address ({Address}); it is not polled", service.Key, address);
                continue;
            }
            probes.Add((new HealthTarget(service.Key, TargetKind.Service, uri.ToString().TrimEnd('/')), new ReadyEndpointProbe(http, uri)));
        }

        if (configuration.GetConnectionString("redis") is { Length: > 0 } redis)
        {
            var location = ConfigurationOptions.Parse(redis).EndPoints.FirstOrDefault()?.ToString() ?? "redis";
            probes.Add((new HealthTarget("redis", TargetKind.Redis, location), new RedisProbe(redis, timeout)));
        }
        else logger.LogInformation("ConnectionStrings:redis is not set; Redis is not polled");

        if (configuration.GetConnectionString("postgres") is { Length: > 0 } postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres) { Timeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)), MaxPoolSize = 2 };
            var location = $"{builder.Host}:{builder.Port}/{builder.Database}";
            probes.Add((new HealthTarget("postgres", TargetKind.Postgres, location), new PostgresProbe(NpgsqlDataSource.Create(builder))));
        }
        else logger.LogInformation("ConnectionStrings:postgres is not set; PostgreSQL is not polled");

        if (configuration.GetConnectionString("rabbitmq") is { Length: > 0 } rabbitmq)
        {
            var endpoint = RabbitMqEndpoint.Parse(rabbitmq);
            probes.Add((new HealthTarget("rabbitmq", TargetKind.RabbitMq, endpoint.ToString()), new RabbitMqProbe(endpoint, timeout)));
        }
        else logger.LogInformation("ConnectionStrings:rabbitmq is not set; RabbitMQ is not polled");

        Probes = probes;
        All = probes.Select(p => p.Item1).ToList();
    }

    public IReadOnlyList<HealthTarget> All { get; }

    public IReadOnlyList<(HealthTarget Target, IHealthProbe Probe)> Probes { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, probe) in Probes) await probe.DisposeAsync();
        http.Dispose();
    }
}
