using MailKit.Security;

namespace Kiln.Alerts.Delivery;

/// <summary>SMTP settings ("Alerts:Email"); the channel is off while <see cref="SmtpHost"/> is unset.</summary>
public sealed class EmailOptions
{
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? From { get; set; }

    /// <summary>One address, or several separated by commas or semicolons.</summary>
    public string? To { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>true: STARTTLS required; false: plain; unset: <see cref="Security"/>.</summary>
    public bool? UseStartTls { get; set; }

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    public SecureSocketOptions EffectiveSecurity => UseStartTls switch
    {
        true => SecureSocketOptions.StartTls,
        false => SecureSocketOptions.None,
        null => Security,
    };

    public static IReadOnlyList<string> SplitAddresses(string? addresses) =>
        (addresses ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Slack incoming webhook ("Alerts:Slack"); the channel is off while <see cref="WebhookUrl"/> is unset.</summary>
public sealed class SlackOptions
{
    /// <summary>A string, not a Uri: an empty value (a launcher passing an unset variable) means "off", not a failed start.</summary>
    public string? WebhookUrl { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public Uri? Webhook => Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) ? url : null;
}

/// <summary>A named receiver: which channels it uses, optional overrides of their recipients, send_resolved.</summary>
public sealed class ReceiverOptions
{
    public const string DefaultName = "default";

    public bool Email { get; set; } = true;
    public bool Slack { get; set; } = true;

    /// <summary>Overrides "Alerts:Email:To" for this receiver.</summary>
    public string? EmailTo { get; set; }

    /// <summary>Overrides "Alerts:Slack:WebhookUrl" for this receiver.</summary>
    public Uri? SlackWebhookUrl { get; set; }

    public bool SendResolved { get; set; } = true;
}

/// <summary>Retries, backoff and the circuit breaker per receiver channel.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Quick retries within one attempt (Polly, exponential with jitter).</summary>
    public int RetryAttempts { get; set; } = 2;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the outbox tries a failed notification again; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The breaker opens when at least this many calls in <see cref="BreakSampling"/> failed at <see cref="BreakFailureRatio"/>.</summary>
    public int BreakMinimumThroughput { get; set; } = 4;
    public double BreakFailureRatio { get; set; } = 0.75;
    public TimeSpan BreakSampling { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many due notifications one instance sends per poll.</summary>
    public int BatchSize { get; set; } = 20;
}
