using System.Text.Json;
using Kiln.Api.History;

namespace Kiln.Api.Errors;

/// <summary>
/// An OpenAI-style error response. Also records the error type on the request's <see cref="RequestOutcome"/>,
/// so history and metrics see why a request failed without each endpoint saying it twice.
/// </summary>
public sealed class OpenAiErrorResult(int statusCode, OpenAiError error, TimeSpan? retryAfter = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public OpenAiError Error => error;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, statusCode, error, retryAfter);

    /// <summary>Records the error on the request's outcome without writing it (for an error sent inside a stream).</summary>
    public void RecordOn(HttpContext context) => Record(context, error);

    private static void Record(HttpContext context, OpenAiError error)
    {
        var outcome = context.GetRequestOutcome();
        outcome.ErrorType = error.Type;
        outcome.ErrorCode = error.Code;
    }

    /// <summary>Writes the error directly, for middleware that runs outside endpoint results.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, OpenAiError error, TimeSpan? retryAfter = null)
    {
        Record(context, error);
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = statusCode;
        if (retryAfter is { } wait)
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new OpenAiErrorBody(error), cancellationToken: context.RequestAborted);
    }
}

/// <summary>Shorthands for the errors the API returns, one per status the API documents.</summary>
public static class OpenAiErrors
{
    public static OpenAiErrorResult InvalidRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, new(message, OpenAiErrorTypes.InvalidRequest, param, code));

    public static OpenAiErrorResult Unauthorized(string message, string code = "invalid_api_key") =>
        new(StatusCodes.Status401Unauthorized, new(message, OpenAiErrorTypes.Authentication, null, code));

    public static OpenAiErrorResult Forbidden(string message, string? param = null, string code = "forbidden") =>
        new(StatusCodes.Status403Forbidden, new(message, OpenAiErrorTypes.Permission, param, code));

    public static OpenAiErrorResult NotFound(string message, string? param = null, string code = "not_found") =>
        new(StatusCodes.Status404NotFound, new(message, OpenAiErrorTypes.NotFound, param, code));

    public static OpenAiErrorResult TooLarge(string message) =>
        new(StatusCodes.Status413PayloadTooLarge, new(message, OpenAiErrorTypes.InvalidRequest, null, "request_too_large"));

    public static OpenAiErrorResult RateLimited(string message, TimeSpan retryAfter, string code = "rate_limit_exceeded") =>
        new(StatusCodes.Status429TooManyRequests, new(message, OpenAiErrorTypes.RateLimit, null, code), retryAfter);

    public static OpenAiErrorResult Unavailable(string message, TimeSpan retryAfter, string code = "service_unavailable") =>
        new(StatusCodes.Status503ServiceUnavailable, new(message, OpenAiErrorTypes.Overloaded, null, code), retryAfter);

    public static OpenAiErrorResult DeadlineExceeded(string message) =>
        new(StatusCodes.Status504GatewayTimeout, new(message, OpenAiErrorTypes.Timeout, null, "deadline_exceeded"));

    public static OpenAiErrorResult Internal(string message) =>
        new(StatusCodes.Status500InternalServerError, new(message, OpenAiErrorTypes.Server, null, "internal_error"));
}
