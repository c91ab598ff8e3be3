using System.Text.Json.Serialization;

namespace Kiln.Api.Errors;

/// <summary>The body of every error the public API returns: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record OpenAiErrorBody([property: JsonPropertyName("error")] OpenAiError Error);

/// <summary>One error in OpenAI's wire format; <see cref="Param"/> names the offending field when there is one.</summary>
public sealed record OpenAiError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string? Code);

/// <summary>OpenAI's error <c>type</c> values.</summary>
public static class OpenAiErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string Permission = "permission_error";
    public const string NotFound = "not_found_error";
    public const string RateLimit = "rate_limit_exceeded";
    public const string Server = "server_error";
    public const string Overloaded = "overloaded_error";
    public const string Timeout = "timeout_error";
}
