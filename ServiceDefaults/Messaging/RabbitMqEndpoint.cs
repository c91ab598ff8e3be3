namespace Kiln.ServiceDefaults.Messaging;

/// <summary>The parts of <c>ConnectionStrings__rabbitmq</c> (<c>amqp://user:pass@host:port/vhost</c>).</summary>
public sealed record RabbitMqEndpoint(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    /// <summary>The AppHost's default broker, used when no connection string is configured.</summary>
    public const string LocalDefault = "amqp://guest:guest@127.0.0.1:5673/";

    public static RabbitMqEndpoint Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
            throw new FormatException("ConnectionStrings:rabbitmq must look like amqp://user:pass@host:port/vhost.");

        var userInfo = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqEndpoint(
            uri.Host,
            (ushort)(uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port),
            vhost.Length == 0 ? "/" : vhost,
            userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest",
            userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest");
    }

    /// <summary>Where the broker is, without credentials: safe for logs and health descriptions.</summary>
    public override string ToString() => $"{Host}:{Port}{(VirtualHost == "/" ? "/" : "/" + VirtualHost)}";
}
