using Kiln.ServiceDefaults.Logging;
using Sentry;

namespace Kiln.ServiceDefaults.ErrorReporting;

/// <summary>Strips personal and environment data from Sentry events before they leave the process.</summary>
public sealed class SentryScrubber(LogRedactor redactor)
{
    /// <summary>Contexts that describe the code, not the machine or the person: everything else goes.</summary>
    private static readonly HashSet<string> KeptContexts = ["trace", "runtime", "app"];

    public SentryEvent Scrub(SentryEvent sentryEvent)
    {
        var request = sentryEvent.Request;
        request.Cookies = null;
        request.Headers.Clear();
        request.Env.Clear();
        request.Data = null;
        request.QueryString = null;
        if (request.Url is not null) request.Url = redactor.Redact(request.Url);

        sentryEvent.User = new SentryUser();
        sentryEvent.ServerName = null;
        foreach (var key in sentryEvent.Contexts.Keys.Where(k => !KeptContexts.Contains(k)).ToList())
        {
            sentryEvent.Contexts.Remove(key);
        }

        if (sentryEvent.Message is { } message)
        {
            if (message.Message is not null) message.Message = redactor.Redact(message.Message);
            if (message.Formatted is not null) message.Formatted = redactor.Redact(message.Formatted);
        }
        foreach (var exception in sentryEvent.SentryExceptions ?? [])
        {
            if (exception.Value is not null) exception.Value = redactor.Redact(exception.Value);
        }
        return sentryEvent;
    }
}
