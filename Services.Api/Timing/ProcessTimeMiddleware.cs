using System.Diagnostics;
using System.Globalization;

namespace Kiln.Api.Timing;

/// <summary><c>X-Process-Time</c>: milliseconds from the request's arrival here to its response headers.</summary>
public static class ProcessTime
{
    public const string HeaderName = "X-Process-Time";

    public static IApplicationBuilder UseProcessTime(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next(context);
    });
}
