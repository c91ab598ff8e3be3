using System.ComponentModel.DataAnnotations;

namespace Kiln.Api.Generation;

/// <summary>Limits of the public generation endpoints, bound from "Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body; more is refused with 413.</summary>
    [Range(1_024, 64 * 1024 * 1024)] public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    [Range(1, 10_000)] public int MaxMessages { get; set; } = 256;

    /// <summary>Longest content of one chat message, and longest completion prompt, in characters.</summary>
    [Range(1, 10_000_000)] public int MaxContentChars { get; set; } = 200_000;

    [Range(0, 16)] public int MaxStopSequences { get; set; } = 4;

    /// <summary>How long a generation may take from arrival to the last token; past it the client gets 504.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")] public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long stream chunks may trail the final result (they travel on another queue).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")] public TimeSpan StreamChunkGrace { get; set; } = TimeSpan.FromSeconds(2);
}
