namespace Kiln.Api.Errors;

/// <summary>OpenAI-shaped errors for everything under /v1.</summary>
public static class ErrorsExtensions
{
    public static IApplicationBuilder UseOpenAiErrors(this IApplicationBuilder app) => app.UseMiddleware<OpenAiErrorMiddleware>();
}
