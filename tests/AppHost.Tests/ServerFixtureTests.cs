using Kiln.Testing.Servers;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace Kiln.AppHost.Tests;

/// <summary>The launcher's private servers accept the connection strings services get, with the real clients.</summary>
public sealed class RedisServerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Redis_answers_through_StackExchange_Redis()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();

        await database.StringSetAsync("kiln:test", "42");

        Assert.Equal("42", (string?)await database.StringGetAsync("kiln:test"));
        Assert.StartsWith("127.0.0.1:", redis.ConnectionString);
    }
}

public sealed class PostgresServerTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task The_kiln_role_owns_the_kiln_database_and_can_create_a_schema()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE SCHEMA probe; SELECT current_user || '@' || current_database()", connection);

        Assert.Equal("kiln@kiln", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var wrong = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Password = "wrong" };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }
}

public sealed class RabbitMqServerTests(RabbitMqServerFixture rabbitmq) : IClassFixture<RabbitMqServerFixture>
{
    [Fact]
    public async Task The_amqp_uri_logs_in_and_carries_a_message()
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbitmq.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(exclusive: true);

        await channel.BasicPublishAsync("", queue.QueueName, "hello"u8.ToArray());
        var message = await WaitForMessageAsync(channel, queue.QueueName);

        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(message.Body.Span));
    }

    private static async Task<BasicGetResult> WaitForMessageAsync(IChannel channel, string queue)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
                return message;
            await Task.Delay(20);
        }
        throw new TimeoutException("the message never arrived");
    }
}
