namespace Kiln.ServiceDefaults.Admin;

/// <summary>The operator token for admin endpoints, bound from "Admin".</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>When unset, admin endpoints refuse every caller.</summary>
    public string? Token { get; set; }
}
