using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Kiln.ServiceDefaults.Logging;

/// <summary>Readable one-line-per-entry console output for Development, secrets masked.</summary>
internal sealed class KilnTextConsoleFormatter(LogRedactor redactor, TimeProvider time) : ConsoleFormatter(Name)
{
    public new const string Name = "kiln-text";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var e = LogEntryFields.From(logEntry, scopeProvider, redactor, time);
        textWriter.Write($"{e.Timestamp:HH:mm:ss.fff} {Short(e.Level)} {e.Category}: {e.Message}");
        if (e.CorrelationId is not null) textWriter.Write($" [req {e.CorrelationId}]");
        textWriter.Write('\n');
        if (e.Exception is not null) textWriter.Write(e.Exception + "\n");
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        LogLevel.Critical => "CRIT",
        _ => "    ",
    };
}
