using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Kiln.Inference.Llama;

/// <summary>Sends llama.cpp's and ggml's log lines to the service's logger instead of stderr.</summary>
internal static unsafe class LlamaLog
{
    private static volatile ILogger? _logger;

    [ThreadStatic] private static StringBuilder? _line;
    [ThreadStatic] private static GgmlLogLevel _lineLevel;
    [ThreadStatic] private static string? _lastError;

    public static void Attach(ILogger logger)
    {
        _logger = logger;
        LlamaNative.llama_log_set(&OnLog, null);
    }

    /// <summary>The last error line llama.cpp logged on this thread (why a load failed), then forgets it.</summary>
    public static string? TakeLastError()
    {
        var error = _lastError;
        _lastError = null;
        return error;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(GgmlLogLevel level, byte* text, void* userData)
    {
        try
        {
            var line = _line ??= new StringBuilder();
            if (level != GgmlLogLevel.Continue) _lineLevel = level;
            line.Append(Marshal.PtrToStringUTF8((nint)text));
            if (line.Length == 0 || line[^1] != '\n') return;

            var message = line.ToString().TrimEnd();
            line.Clear();
            if (message.Length == 0) return;
            if (_lineLevel == GgmlLogLevel.Error) _lastError = message;
            _logger?.Log(ToLogLevel(_lineLevel), "llama.cpp: {NativeMessage}", message);
        }
        catch
        {
            // An exception must never unwind into native code.
        }
    }

    // llama.cpp logs every tensor and parameter at INFO while loading: that is debug detail for a service.
    private static LogLevel ToLogLevel(GgmlLogLevel level) => level switch
    {
        GgmlLogLevel.Error => LogLevel.Error,
        GgmlLogLevel.Warn => LogLevel.Warning,
        GgmlLogLevel.Info => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
