using Kiln.AppHost.Hosting.Output;
using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Hosting;

/// <summary>Declares the resources of a system, the way Aspire's DistributedApplicationBuilder does.</summary>
public sealed class KilnAppBuilder
{
    private readonly List<Resource> resources = [];
    private readonly List<Secret> secrets = [];

    internal KilnAppBuilder(KilnAppOptions options, IConfiguration configuration)
    {
        Options = options;
        Configuration = configuration;
    }

    public KilnAppOptions Options { get; }

    /// <summary>The AppHost's configuration: connection strings of existing servers and pass-through values.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Where the launcher writes; the terminal by default.</summary>
    public LauncherConsole Console { get; set; } = LauncherConsole.ForTerminal();

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A private redis-server, or the existing one when <c>ConnectionStrings__{name}</c> is set.</summary>
    public IResourceWithConnectionString AddRedis(string name, int port = 6380) =>
        ExistingOr(name, () => new RedisServer(name, port));

    /// <summary>A private PostgreSQL, or the existing one when <c>ConnectionStrings__{name}</c> is set.</summary>
    public IResourceWithConnectionString AddPostgres(string name, int port = 5433) =>
        ExistingOr(name, () => new PostgresServer(name, port));

    /// <summary>A private RabbitMQ node, or the existing one when <c>ConnectionStrings__{name}</c> is set.</summary>
    public IResourceWithConnectionString AddRabbitMq(string name, int port = 5673) =>
        ExistingOr(name, () => new RabbitMqServer(name, port));

    /// <summary>A server that runs elsewhere.</summary>
    public IResourceWithConnectionString AddConnectionString(string name, string connectionString) =>
        Add(new ExistingServer(name, connectionString));

    /// <summary>A service run from <c>{projectName}/bin/{configuration}/{tfm}/{projectName}.dll</c>.</summary>
    public ServiceResource AddService(string name, string projectName, int port) =>
        Add(new ServiceResource(name, projectName, port));

    /// <summary>A per-run secret taken from <paramref name="configurationKey"/> when set there, else generated.</summary>
    public Secret AddSecret(string name, string configurationKey)
    {
        var secret = new Secret(name, configurationKey);
        secrets.Add(secret);
        return secret;
    }

    public KilnApplication Build()
    {
        var duplicate = resources.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two resources are named {duplicate.Key}");
        foreach (var resource in resources)
            Console.Register(resource.Name);
        return new KilnApplication(Options, Configuration, Console, TimeProvider, resources, secrets);
    }

    private IResourceWithConnectionString ExistingOr<T>(string name, Func<T> create) where T : Resource, IResourceWithConnectionString =>
        Configuration[$"ConnectionStrings:{name}"] is { Length: > 0 } existing
            ? AddConnectionString(name, existing)
            : Add(create());

    private T Add<T>(T resource) where T : Resource
    {
        resources.Add(resource);
        return resource;
    }
}
