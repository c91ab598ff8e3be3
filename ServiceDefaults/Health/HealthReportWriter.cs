using System.Text.Json;
using Kiln.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kiln.ServiceDefaults.Health;

/// <summary>Writes a health report as JSON: overall status, then each check's status, duration, description and data.</summary>
internal static class HealthReportWriter
{
    public static Task WriteSummary(HttpContext context, HealthReport report) => Write(context, report, includeData: false);

    public static Task WriteDetailed(HttpContext context, HealthReport report) => Write(context, report, includeData: true);

    private static async Task Write(HttpContext context, HealthReport report, bool includeData)
    {
        var redactor = context.RequestServices.GetRequiredService<LogRedactor>();
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = includeData });
        json.WriteStartObject();
        json.WriteString("status", Name(report.Status));
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", Name(entry.Status));
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            var description = entry.Description ?? entry.Exception?.Message;
            if (description is not null) json.WriteString("description", redactor.Redact(description));
            if (includeData && entry.Data.Count > 0)
            {
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    json.WritePropertyName(key);
                    JsonSerializer.Serialize(json, value);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
