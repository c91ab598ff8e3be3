using System.ComponentModel.DataAnnotations;

namespace Kiln.Api.History;

/// <summary>What the history keeps of prompts and answers.</summary>
public enum StoredContent
{
    None,
    Truncated,
    Full,
}

/// <summary>The "History" section.</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    public StoredContent StoreContent { get; set; } = StoredContent.Truncated;

    /// <summary>Characters of prompt and of response kept when <see cref="StoreContent"/> is Truncated.</summary>
    [Range(1, 1_000_000)] public int ContentMaxLength { get; set; } = 2_000;

    [Range(1, 3650)] public int RetentionDays { get; set; } = 30;

    /// <summary>Rows waiting for the writer; beyond this they are dropped (and counted), never blocking a request.</summary>
    [Range(1, 1_000_000)] public int QueueCapacity { get; set; } = 10_000;

    [Range(1, 10_000)] public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Key of the HMAC-SHA256 over client addresses (at least 16 characters). Unset: a random key per process,
    /// so hashes then match only within one instance's lifetime.
    /// </summary>
    [MinLength(16)] public string? IpHashKey { get; set; }

    /// <summary>Path prefixes whose requests are recorded.</summary>
    [MinLength(1)] public string[] RecordedPaths { get; set; } = ["/v1"];
}
