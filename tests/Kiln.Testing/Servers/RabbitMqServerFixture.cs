using Kiln.AppHost.Hosting;

namespace Kiln.Testing.Servers;

/// <summary>A private RabbitMQ node; <see cref="ServerFixture.ConnectionString"/> is an amqp:// URI with the <c>kiln</c> user.</summary>
public sealed class RabbitMqServerFixture : ServerFixture
{
    private protected override IResourceWithConnectionString AddServer(KilnAppBuilder builder) => builder.AddRabbitMq("rabbitmq");
}
