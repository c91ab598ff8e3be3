using Kiln.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>Opens and closes one AMQP connection: proves the broker accepts logins, not just TCP.</summary>
public sealed class RabbitMqProbe(RabbitMqEndpoint endpoint, TimeSpan timeout) : IHealthProbe
{
    private readonly ConnectionFactory factory = new()
    {
        HostName = endpoint.Host,
        Port = endpoint.Port,
        VirtualHost = endpoint.VirtualHost,
        UserName = endpoint.Username,
        Password = endpoint.Password,
        RequestedConnectionTimeout = timeout,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        ClientProvidedName = "kiln-monitoring-probe",
    };

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await connection.CloseAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
