using System.Text.Json;
using Kiln.Api.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Kiln.Api.Validation;

/// <summary>
/// Reads a JSON request body within a size limit. A type error names its field (from JsonException.Path) in the
/// error's <c>param</c>; a body over the limit is a 413, whether or not it announced its length.
/// </summary>
public static class JsonBody
{
    private const string ConversionFailure = "The JSON value could not be converted";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    public static async Task<(T? Value, OpenAiErrorResult? Error)> ReadAsync<T>(HttpContext context, long maxBytes) where T : class
    {
        if (context.Request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted);
            return value is null
                ? (null, OpenAiErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"))
                : (value, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (JsonException e)
        {
            return (null, Describe(e));
        }
    }

    /// <summary>"$.messages[0].content" becomes "messages[0].content"; the root is no field.</summary>
    public static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static OpenAiErrorResult Describe(JsonException e)
    {
        var field = FieldOf(e.Path);
        if ((e as InvalidFieldException ?? e.InnerException as InvalidFieldException) is { } invalid)
            return OpenAiErrors.InvalidRequest($"Invalid value for '{field}': {invalid.Message}", field, "invalid_value");
        if (e.Message.StartsWith(ConversionFailure, StringComparison.Ordinal) && field is not null)
            return OpenAiErrors.InvalidRequest($"Invalid type for '{field}'.", field, "invalid_type");
        var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        return OpenAiErrors.InvalidRequest($"The request body is not valid JSON{where}.", field, "invalid_json");
    }

    private static OpenAiErrorResult TooLarge(long maxBytes) =>
        OpenAiErrors.TooLarge($"The request body is larger than the limit of {maxBytes} bytes.");
}

/// <summary>Thrown by converters for a value of the right JSON type but not allowed; the message is shown to the client.</summary>
public sealed class InvalidFieldException(string message) : JsonException(message);
