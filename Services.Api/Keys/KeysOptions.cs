using System.ComponentModel.DataAnnotations;

namespace Kiln.Api.Keys;

/// <summary>API key settings, bound from "Keys".</summary>
public sealed class KeysOptions
{
    public const string Section = "Keys";

    /// <summary>
    /// How long a key lookup is reused from memory. A revoke on another instance takes effect within this time
    /// (on the instance that revoked, at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
