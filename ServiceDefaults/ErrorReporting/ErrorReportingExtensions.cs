using System.Reflection;
using Kiln.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Sentry.Extensibility;

namespace Kiln.ServiceDefaults.ErrorReporting;

internal static class ErrorReportingExtensions
{
    /// <summary>Sentry, only when <c>SENTRY_DSN</c> is set: release, environment, and scrubbed events.</summary>
    public static WebApplicationBuilder AddErrorReporting(this WebApplicationBuilder builder)
    {
        var dsn = builder.Configuration["SENTRY_DSN"];
        if (string.IsNullOrWhiteSpace(dsn)) return builder;

        var scrubber = new SentryScrubber(new LogRedactor(SecretsFromConfiguration.Collect(builder.Configuration)));
        var assembly = Assembly.GetEntryAssembly() ?? typeof(ErrorReportingExtensions).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";

        builder.WebHost.UseSentry(o =>
        {
            o.Dsn = dsn;
            o.Release = $"{assembly.GetName().Name}@{version}";
            o.Environment = builder.Environment.EnvironmentName.ToLowerInvariant();
            o.SendDefaultPii = false;
            o.MaxRequestBodySize = RequestSize.None;
            o.AttachStacktrace = true;
            o.SetBeforeSend((sentryEvent, _) => scrubber.Scrub(sentryEvent));
            o.SetBeforeBreadcrumb((crumb, _) => crumb.Data is { Count: > 0 } ? null : crumb);
        });
        return builder;
    }
}
