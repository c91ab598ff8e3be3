using Kiln.AppHost.Hosting;
using Kiln.AppHost.Hosting.Networking;
using Kiln.AppHost.Hosting.Output;
using Kiln.AppHost.Hosting.State;
using Kiln.Testing;
using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Tests;

/// <summary>Each service gets exactly Aspire's configuration contract, and only the connection strings it uses.</summary>
public sealed class ServiceEnvironmentTests : IDisposable
{
    private const string AdminToken = "token-1";
    private const string DashboardPassword = "password-1";

    private static readonly Dictionary<string, string?> ExistingServers = new()
    {
        ["ConnectionStrings:redis"] = "127.0.0.1:6380",
        ["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=5433;Username=kiln;Password=p;Database=kiln",
        ["ConnectionStrings:rabbitmq"] = "amqp://kiln:p@127.0.0.1:5673/",
    };

    private readonly TestStateDirectory folder = new();
    private readonly StateDirectory state;

    public ServiceEnvironmentTests() => state = StateDirectory.Open(folder.Path);

    [Theory]
    [InlineData(KilnSystem.Api, new[] { "redis", "postgres", "rabbitmq" })]
    [InlineData(KilnSystem.Inference, new[] { "rabbitmq" })]
    [InlineData(KilnSystem.Monitoring, new[] { "redis", "postgres", "rabbitmq" })]
    [InlineData(KilnSystem.Alerts, new[] { "postgres", "rabbitmq" })]
    public void A_service_gets_only_the_connection_strings_it_uses(string service, string[] expected)
    {
        var environment = EnvironmentOf(service);

        var given = environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Select(k => k["ConnectionStrings__".Length..]);
        Assert.Equal(expected.Order(), given.Order());
        Assert.Equal(ExistingServers["ConnectionStrings:rabbitmq"], environment["ConnectionStrings__rabbitmq"]);
    }

    [Theory]
    [InlineData(KilnSystem.Api)]
    [InlineData(KilnSystem.Inference)]
    [InlineData(KilnSystem.Monitoring)]
    [InlineData(KilnSystem.Alerts)]
    public void Every_service_knows_every_service_and_its_own_identity(string service)
    {
        var services = Services();
        var environment = EnvironmentOf(service, services: services);
        var self = services.Single(s => s.Name == service);

        foreach (var other in services)
            Assert.Equal($"http://127.0.0.1:{other.Port}", environment[$"services__{other.Name}__http__0"]);
        Assert.Equal($"http://127.0.0.1:{self.Port}", environment["ASPNETCORE_URLS"]);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal(service, environment["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.instance.id={self.InstanceId}", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(AdminToken, environment["Admin__Token"]);
    }

    [Fact]
    public void Only_monitoring_gets_the_dashboard_password()
    {
        Assert.Equal(DashboardPassword, EnvironmentOf(KilnSystem.Monitoring)["Monitoring__DashboardPassword"]);
        Assert.DoesNotContain("Monitoring__DashboardPassword", EnvironmentOf(KilnSystem.Api).Keys);
    }

    [Fact]
    public void Settings_are_passed_through_only_when_set_and_only_to_their_service()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Inference:ModelPath"] = "/models/tiny.gguf",
            ["Alerts:Slack:WebhookUrl"] = "https://hooks.example/x",
            ["Alerts:Email:SmtpPort"] = "2525",
            ["Monitoring:Rules:EvaluationInterval"] = "00:00:01",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["SENTRY_DSN"] = "https://key@sentry.example/1",
        };

        var inference = EnvironmentOf(KilnSystem.Inference, settings);
        var alerts = EnvironmentOf(KilnSystem.Alerts, settings);
        var api = EnvironmentOf(KilnSystem.Api, settings);

        Assert.Equal("/models/tiny.gguf", inference["Inference__ModelPath"]);
        Assert.Equal("https://hooks.example/x", alerts["Alerts__Slack__WebhookUrl"]);
        Assert.Equal("2525", alerts["Alerts__Email__SmtpPort"]);
        Assert.DoesNotContain("Alerts__Email__SmtpHost", alerts.Keys);
        Assert.DoesNotContain("Inference__ModelPath", api.Keys);
        Assert.Equal("00:00:01", EnvironmentOf(KilnSystem.Monitoring, settings)["Monitoring__Rules__EvaluationInterval"]);
        Assert.DoesNotContain("Monitoring__Rules__EvaluationInterval", alerts.Keys);
        Assert.All(new[] { inference, alerts, api }, environment =>
        {
            Assert.Equal("http://collector:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("https://key@sentry.example/1", environment["SENTRY_DSN"]);
        });
        Assert.DoesNotContain("SENTRY_DSN", EnvironmentOf(KilnSystem.Api).Keys);
    }

    [Fact]
    public void Nothing_but_the_contract_and_what_dotnet_needs_leaks_from_the_launcher()
    {
        var launcherEnvironment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/root",
            ["Kiln__StateDirectory"] = "/tmp/x",
            ["ConnectionStrings__other"] = "x",
            ["RABBITMQ_NODENAME"] = "rabbit@host",
        };

        var environment = EnvironmentOf(KilnSystem.Api, hostVariable: name => launcherEnvironment.GetValueOrDefault(name));

        Assert.Equal("/usr/bin", environment["PATH"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Kiln__", StringComparison.Ordinal) || k.StartsWith("RABBITMQ", StringComparison.Ordinal));
        Assert.DoesNotContain("ConnectionStrings__other", environment.Keys);
    }

    public void Dispose()
    {
        state.Dispose();
        folder.Dispose();
    }

    private List<ServiceResource> Services(IReadOnlyDictionary<string, string?>? settings = null) =>
        [.. Build(settings).Resources.OfType<ServiceResource>()];

    private KilnApplication Build(IReadOnlyDictionary<string, string?>? settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ExistingServers).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var builder = KilnApp.CreateBuilder(new KilnAppOptions(), configuration);
        builder.Console = new CapturedOutput().Console;
        builder.AddKilnSystem();
        var app = builder.Build();
        var context = ContextFor(builder, app);
        foreach (var resource in app.Resources)
            resource.AllocatePorts(context);
        app.GetSecret("admin-token").Assign(AdminToken);
        app.GetSecret("dashboard-password").Assign(DashboardPassword);
        return app;
    }

    private Dictionary<string, string> EnvironmentOf(
        string service,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<string, string?>? hostVariable = null,
        List<ServiceResource>? services = null)
    {
        services ??= Services(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return ServiceEnvironment.For(services.Single(s => s.Name == service), services, configuration, "Development", hostVariable ?? (_ => null));
    }

    private ResourceContext ContextFor(KilnAppBuilder builder, KilnApplication app) => new()
    {
        Options = builder.Options,
        Configuration = builder.Configuration,
        Console = builder.Console,
        Time = TimeProvider.System,
        Ports = new PortAllocator(),
        State = state,
        Leftovers = new LeftoverProcesses(Path.Combine(state.Root, "processes")),
        Layout = new(() => throw new InvalidOperationException("not needed")),
        Http = new HttpClient(),
        Stopping = new CancellationTokenSource(),
        Services = [.. app.Resources.OfType<ServiceResource>()],
    };
}
