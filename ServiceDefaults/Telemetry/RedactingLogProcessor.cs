using Kiln.ServiceDefaults.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Kiln.ServiceDefaults.Telemetry;

/// <summary>Masks secrets in OpenTelemetry log records, the way the console formatters do.</summary>
internal sealed class RedactingLogProcessor(LogRedactor redactor) : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is not null) data.FormattedMessage = redactor.Redact(data.FormattedMessage);
        if (data.Body is not null) data.Body = redactor.Redact(data.Body);
        if (data.Attributes is { Count: > 0 } attributes)
        {
            data.Attributes = attributes
                .Select(a => new KeyValuePair<string, object?>(a.Key, a.Value is null or int or long or double or bool
                    ? a.Value
                    : redactor.RedactField(a.Key, a.Value.ToString())))
                .ToList();
        }
    }
}
