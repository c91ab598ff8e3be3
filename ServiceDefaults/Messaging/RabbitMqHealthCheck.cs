using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kiln.ServiceDefaults.Messaging;

/// <summary>Ready when the bus is connected; otherwise says whether the broker is unreachable or still starting.</summary>
internal sealed class RabbitMqHealthCheck(IBusControl bus, RabbitMqEndpoint endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        if (health.Status == BusHealthStatus.Healthy)
            return HealthCheckResult.Healthy($"RabbitMQ at {endpoint}: connected, {health.Endpoints.Count} endpoints ready.");

        var reachable = await ProbeAsync(cancellationToken);
        var state = reachable is null
            ? $"reachable, bus not ready ({health.Description})"
            : $"unreachable: {reachable}";
        return new HealthCheckResult(context.Registration.FailureStatus, $"RabbitMQ at {endpoint} is {state}.");
    }

    /// <summary>Null when the port accepts connections, else why not.</summary>
    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer within 1 s";
        }
    }
}
