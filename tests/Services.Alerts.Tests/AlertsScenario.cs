using Kiln.Contracts;
using Kiln.Testing.Receivers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Alerts.Tests;

/// <summary>One test's world: its own database, SMTP sink, Slack receiver and alerts instances.</summary>
public sealed class AlertsScenario : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly List<AlertsInstance> instances = [];

    private AlertsScenario(string database, SmtpSink smtp, SlackWebhookReceiver slack)
    {
        Database = database;
        Smtp = smtp;
        Slack = slack;
    }

    public string Database { get; }
    public SmtpSink Smtp { get; }
    public SlackWebhookReceiver Slack { get; }
    public Dictionary<string, string?> Settings { get; private set; } = [];
    public AlertsInstance Instance => instances[0];

    public static async Task<AlertsScenario> CreateAsync(AlertsSystemFixture system, IDictionary<string, string?>? extra = null, bool startInstance = true)
    {
        var scenario = new AlertsScenario(await system.CreateDatabaseAsync(), SmtpSink.Start(), await SlackWebhookReceiver.StartAsync());
        scenario.Settings = system.Settings(scenario.Database);
        scenario.Settings["Alerts:Email:SmtpHost"] = SmtpSink.Host;
        scenario.Settings["Alerts:Email:SmtpPort"] = scenario.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        scenario.Settings["Alerts:Email:From"] = "kiln-alerts@kiln.test";
        scenario.Settings["Alerts:Email:To"] = "oncall@kiln.test, lead@kiln.test";
        scenario.Settings["Alerts:Slack:WebhookUrl"] = scenario.Slack.WebhookUrl.ToString();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) scenario.Settings[key] = value;
        if (startInstance) await scenario.StartInstanceAsync();
        return scenario;
    }

    public async Task<AlertsInstance> StartInstanceAsync()
    {
        var instance = await AlertsInstance.StartAsync(Settings);
        instances.Add(instance);
        return instance;
    }

    public async Task StopInstanceAsync(AlertsInstance instance)
    {
        instances.Remove(instance);
        await instance.DisposeAsync();
    }

    public static AlertRaised Alert(string fingerprint, string name, string service, Severity severity = Severity.Error, IDictionary<string, string>? labels = null) =>
        new(fingerprint, name, severity, service, $"{name} on {service}", new Dictionary<string, string>(labels ?? new Dictionary<string, string>()),
            DateTimeOffset.UtcNow, [new AlertLink("Dashboard", new Uri($"http://127.0.0.1:5300/services/{service}"))]);

    public Task PublishAsync<T>(T message) where T : class => (instances.Count > 0 ? instances[0] : throw new InvalidOperationException("no instance"))
        .Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>Waits a while (several group intervals) and returns how many emails and Slack calls arrived.</summary>
    public async Task<(int Emails, int Slack)> SettleAsync(TimeSpan? quiet = null)
    {
        await Task.Delay(quiet ?? TimeSpan.FromMilliseconds(1_000));
        return (Smtp.Messages.Count, Slack.Calls.Count);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in instances) await instance.DisposeAsync();
        await Smtp.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
