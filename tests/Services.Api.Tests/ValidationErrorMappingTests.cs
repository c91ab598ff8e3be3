using System.Text.Json;
using Kiln.Api.Errors;
using Kiln.Api.Generation;
using Kiln.Api.History;
using Kiln.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Api.Tests;

/// <summary>Pure mapping logic: generation failures and unhandled exceptions to OpenAI errors.</summary>
public sealed class ValidationErrorMappingTests
{
    [Theory]
    [InlineData(GenerationFailureKind.Overloaded, 503, "overloaded_error", "1")]
    [InlineData(GenerationFailureKind.Transient, 503, "overloaded_error", "2")]
    [InlineData(GenerationFailureKind.Invalid, 400, "invalid_request_error", null)]
    [InlineData(GenerationFailureKind.Model, 500, "server_error", null)]
    public async Task Generation_failure_maps_to_status_type_and_Retry_After(GenerationFailureKind kind, int status, string type, string? retryAfter)
    {
        var context = NewContext("/v1/chat/completions");

        await GenerationErrors.For(new GenerationFailed(Guid.NewGuid(), kind, "prompt is longer than the context"), "messages").ExecuteAsync(context);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(retryAfter, context.Response.Headers.RetryAfter.FirstOrDefault());
        var error = ErrorOf(context);
        Assert.Equal(type, error.GetProperty("type").GetString());
        if (kind == GenerationFailureKind.Invalid) Assert.Equal("messages", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Unhandled_exception_under_v1_becomes_an_OpenAI_500_without_details()
    {
        var context = NewContext("/v1/chat/completions");
        var middleware = new OpenAiErrorMiddleware(_ => throw new InvalidOperationException("secret detail at Kiln.Api.Something"), NullLogger<OpenAiErrorMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        var error = ErrorOf(context);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("secret", error.GetRawText());
        Assert.Equal("server_error", context.GetRequestOutcome().ErrorType);
    }

    [Fact]
    public async Task Exceptions_outside_v1_are_left_to_the_default_handler()
    {
        var context = NewContext("/admin/keys");
        var middleware = new OpenAiErrorMiddleware(_ => throw new InvalidOperationException("boom"), NullLogger<OpenAiErrorMiddleware>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(context));
    }

    private static DefaultHttpContext NewContext(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonElement ErrorOf(DefaultHttpContext context)
    {
        context.Response.Body.Position = 0;
        using var document = JsonDocument.Parse(context.Response.Body);
        return document.RootElement.GetProperty("error").Clone();
    }
}
