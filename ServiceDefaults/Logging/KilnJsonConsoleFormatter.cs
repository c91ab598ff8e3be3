using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Kiln.ServiceDefaults.Logging;

/// <summary>One JSON object per line, secrets masked: the production log format.</summary>
internal sealed class KilnJsonConsoleFormatter(LogRedactor redactor, TimeProvider time) : ConsoleFormatter(Name)
{
    public new const string Name = "kiln-json";

    // Log lines are read by people and log shippers, never embedded in HTML: keep '+', quotes and non-ASCII readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var e = LogEntryFields.From(logEntry, scopeProvider, redactor, time);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", e.Timestamp.ToString("O"));
            json.WriteString("level", e.Level.ToString());
            json.WriteString("category", e.Category);
            json.WriteString("message", e.Message);
            if (e.EventId != 0) json.WriteNumber("eventId", e.EventId);
            if (e.TraceId is not null) json.WriteString("traceId", e.TraceId);
            if (e.SpanId is not null) json.WriteString("spanId", e.SpanId);
            if (e.CorrelationId is not null) json.WriteString("correlationId", e.CorrelationId);
            if (e.Exception is not null) json.WriteString("exception", e.Exception);
            if (e.Fields.Count > 0)
            {
                json.WriteStartObject("fields");
                foreach (var (key, value) in e.Fields) json.WriteString(key, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }
}
