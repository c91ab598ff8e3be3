using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Kiln.Api.Keys;

/// <summary>A key's own limits (null: the configured defaults) and allowed models (empty: every served model).</summary>
public sealed record KeyLimits
{
    [JsonPropertyName("requests_per_minute"), Range(1, 10_000_000)] public int? RequestsPerMinute { get; init; }
    [JsonPropertyName("tokens_per_minute"), Range(1, 1_000_000_000)] public int? TokensPerMinute { get; init; }
    [JsonPropertyName("allowed_models"), MaxLength(100)] public IReadOnlyList<string>? AllowedModels { get; init; }

    internal void ApplyTo(ApiKey key)
    {
        key.RequestsPerMinute = RequestsPerMinute;
        key.TokensPerMinute = TokensPerMinute;
        key.AllowedModels = AllowedModels?.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Distinct().ToList() ?? [];
    }
}

/// <summary>Body of POST /admin/keys.</summary>
public sealed record NewKeyRequest
{
    [JsonPropertyName("name"), Required, StringLength(128, MinimumLength = 1)] public string Name { get; init; } = "";
    [JsonPropertyName("requests_per_minute"), Range(1, 10_000_000)] public int? RequestsPerMinute { get; init; }
    [JsonPropertyName("tokens_per_minute"), Range(1, 1_000_000_000)] public int? TokensPerMinute { get; init; }
    [JsonPropertyName("allowed_models"), MaxLength(100)] public IReadOnlyList<string>? AllowedModels { get; init; }

    public KeyLimits Limits => new() { RequestsPerMinute = RequestsPerMinute, TokensPerMinute = TokensPerMinute, AllowedModels = AllowedModels };
}

/// <summary>A key as the admin API shows it: never its secret or hash.</summary>
public sealed record KeyView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("requests_per_minute")] int? RequestsPerMinute,
    [property: JsonPropertyName("tokens_per_minute")] int? TokensPerMinute,
    [property: JsonPropertyName("allowed_models")] IReadOnlyList<string> AllowedModels,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt)
{
    public static KeyView From(ApiKey key) =>
        new(key.Id, key.Name, key.RequestsPerMinute, key.TokensPerMinute, key.AllowedModels, key.CreatedAt, key.RevokedAt);
}

/// <summary>The answer to a key's creation: the only time the full key is shown.</summary>
public sealed record CreatedKey(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("details")] KeyView Details);
