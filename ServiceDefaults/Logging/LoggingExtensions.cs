using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.Logging;

internal static class LoggingExtensions
{
    /// <summary>Readable console in Development, JSON lines elsewhere; both redacted; level from "Logging".</summary>
    public static WebApplicationBuilder AddKilnLogging(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new LogRedactor(SecretsFromConfiguration.Collect(builder.Configuration)));

        var logging = builder.Logging;
        logging.ClearProviders();
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        logging.AddConsole(o => o.FormatterName = builder.Environment.IsDevelopment()
            ? KilnTextConsoleFormatter.Name
            : KilnJsonConsoleFormatter.Name);
        logging.AddConsoleFormatter<KilnJsonConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        logging.AddConsoleFormatter<KilnTextConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        return builder;
    }
}
