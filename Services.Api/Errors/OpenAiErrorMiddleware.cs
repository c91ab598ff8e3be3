namespace Kiln.Api.Errors;

/// <summary>
/// Under /v1 every error is OpenAI-shaped: an unhandled exception becomes a 500 without details, and an error
/// status without a body (unknown route 404, wrong method 405, ...) gets the OpenAI body for its status.
/// </summary>
public sealed class OpenAiErrorMiddleware(RequestDelegate next, ILogger<OpenAiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            if (context.Response.HasStarted) return;
            context.Response.Clear();
            await OpenAiErrors.Internal("The server had an error while processing your request.").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength is not null || response.ContentType is not null) return;
        var error = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => OpenAiErrors.NotFound(
                $"Unknown request URL: {context.Request.Method} {context.Request.Path}.", code: "unknown_url"),
            StatusCodes.Status405MethodNotAllowed => new OpenAiErrorResult(response.StatusCode,
                new($"{context.Request.Method} is not allowed on {context.Request.Path}.", OpenAiErrorTypes.InvalidRequest, null, "method_not_allowed")),
            StatusCodes.Status413PayloadTooLarge => OpenAiErrors.TooLarge("The request body is too large."),
            >= 500 => new OpenAiErrorResult(response.StatusCode, new("The server could not process your request.", OpenAiErrorTypes.Server, null, null)),
            _ => new OpenAiErrorResult(response.StatusCode, new("The request could not be processed.", OpenAiErrorTypes.InvalidRequest, null, null)),
        };
        await error.ExecuteAsync(context);
    }
}
