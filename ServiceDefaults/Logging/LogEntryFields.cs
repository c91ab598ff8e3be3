using System.Diagnostics;
using Kiln.ServiceDefaults.RequestIds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.ServiceDefaults.Logging;

/// <summary>What both console formatters write for one entry, already redacted.</summary>
internal sealed record LogEntryFields(
    DateTimeOffset Timestamp,
    LogLevel Level,
    string Category,
    int EventId,
    string Message,
    string? Exception,
    string? TraceId,
    string? SpanId,
    string? CorrelationId,
    IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public static LogEntryFields From<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, LogRedactor redactor, TimeProvider time)
    {
        var fields = new List<KeyValuePair<string, string>>();
        string? correlationId = CorrelationContext.Current;
        Collect(entry.State, fields, redactor, ref correlationId);
        scopes?.ForEachScope((scope, _) => Collect(scope, fields, redactor, ref correlationId), (object?)null);

        var activity = Activity.Current;
        var message = entry.Formatter(entry.State, entry.Exception) ?? "";
        return new LogEntryFields(
            time.GetUtcNow(),
            entry.LogLevel,
            entry.Category,
            entry.EventId.Id,
            redactor.Redact(message),
            entry.Exception is null ? null : redactor.Redact(entry.Exception.ToString(), LogRedactor.MaxExceptionLength),
            activity?.TraceId.ToHexString(),
            activity?.SpanId.ToHexString(),
            correlationId,
            fields);
    }

    private static void Collect(object? state, List<KeyValuePair<string, string>> fields, LogRedactor redactor, ref string? correlationId)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> pairs) return;
        foreach (var (key, value) in pairs)
        {
            // The trace ids have their own fields; the format string is already in the message.
            if (key is "{OriginalFormat}" or "TraceId" or "SpanId" or "ParentId") continue;
            if (key == CorrelationContext.LogField)
            {
                correlationId ??= value?.ToString();
                continue;
            }
            if (fields.Exists(f => f.Key == key)) continue;
            fields.Add(new(key, redactor.RedactField(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
}
