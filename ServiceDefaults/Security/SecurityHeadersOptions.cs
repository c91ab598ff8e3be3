using System.ComponentModel.DataAnnotations;

namespace Kiln.ServiceDefaults.Security;

/// <summary>Response headers and CORS, bound from "Security".</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Security";

    /// <summary>Restrictive by default: these services serve JSON, not pages.</summary>
    [Required]
    public string ContentSecurityPolicy { get; set; } = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    [Range(0, 63_072_000)]
    public int HstsMaxAgeSeconds { get; set; } = 31_536_000;

    /// <summary>Origins allowed by CORS; empty means closed (outside Development, where any origin is allowed).</summary>
    public string[] CorsAllowedOrigins { get; set; } = [];
}
