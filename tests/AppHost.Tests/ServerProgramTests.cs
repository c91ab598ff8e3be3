using Kiln.AppHost.Hosting.Processes;

namespace Kiln.AppHost.Tests;

public sealed class ServerProgramTests
{
    [Fact]
    public void Missing_redis_names_the_package_and_the_connection_string_to_use_instead()
    {
        Assert.Equal(
            "redis-server not found: install the Debian package redis-server, or set ConnectionStrings__redis to use an existing Redis",
            ServerProgram.Redis.MissingMessage);
    }

    [Fact]
    public void Missing_postgres_and_rabbitmq_name_their_packages_and_variables()
    {
        Assert.Equal(
            "postgres not found: install the Debian package postgresql, or set ConnectionStrings__postgres to use an existing PostgreSQL",
            ServerProgram.Postgres.MissingMessage);
        Assert.Equal(
            "rabbitmq-server not found: install the Debian package rabbitmq-server, or set ConnectionStrings__rabbitmq to use an existing RabbitMQ",
            ServerProgram.RabbitMq.MissingMessage);
    }

    [Fact]
    public void A_program_outside_the_search_path_is_not_found()
    {
        var program = ServerProgram.Redis with { Program = "kiln-no-such-server" };

        Assert.Null(program.Find(searchPath: "/nonexistent"));
    }

    [Fact]
    public void A_program_is_found_on_the_search_path()
    {
        var program = ServerProgram.Redis with { Program = "sh" };

        Assert.Equal("/bin/sh", program.Find(searchPath: "/bin"));
    }
}
