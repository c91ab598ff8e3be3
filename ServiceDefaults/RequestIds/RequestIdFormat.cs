namespace Kiln.ServiceDefaults.RequestIds;

/// <summary>Which incoming request ids are accepted, and how new ones are made.</summary>
public static class RequestIdFormat
{
    public const int MaxLength = 128;

    /// <summary>1-128 characters of letters, digits and <c>-_.:</c>; anything else could forge log lines.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')) return false;
        }
        return true;
    }

    /// <summary>A new id: a time-ordered GUID, so ids sort by arrival.</summary>
    public static string NewId(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    /// <summary>The incoming id when well-formed, else a new one.</summary>
    public static string AcceptOrCreate(string? incoming, TimeProvider time) =>
        IsWellFormed(incoming) ? incoming! : NewId(time);
}
