using System.Text.RegularExpressions;

namespace Kiln.ServiceDefaults.Logging;

/// <summary>Removes secrets from log text and truncates long values before they are written.</summary>
public sealed partial class LogRedactor
{
    public const string Mask = "[REDACTED]";
    public const int MaxValueLength = 1_000;

    /// <summary>Stack traces get more room than values: cut at 1,000 they would lose the frames that matter.</summary>
    public const int MaxExceptionLength = 8_000;

    private readonly string[] _knownSecrets;

    public LogRedactor(IEnumerable<string>? knownSecrets = null)
    {
        // Longest first, so a secret that contains another is masked whole.
        _knownSecrets = (knownSecrets ?? [])
            .Where(s => s.Length >= 6)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    /// <summary>True for field names whose values are never logged (password, token, api key, cookie...).</summary>
    public static bool IsSensitiveName(string name) => SensitiveName().IsMatch(name);

    /// <summary>The value to log for a structured field.</summary>
    public string RedactField(string name, string? value)
    {
        if (value is null) return "";
        return IsSensitiveName(name) ? Mask : Redact(value);
    }

    /// <summary>Masks secrets found in free text and truncates it to <paramref name="maxLength"/>.</summary>
    public string Redact(string text, int maxLength = MaxValueLength)
    {
        if (text.Length == 0) return text;
        foreach (var secret in _knownSecrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        text = HeaderValue().Replace(text, m => $"{m.Groups["name"].Value}{m.Groups["sep"].Value}{Mask}");
        text = BearerToken().Replace(text, $"Bearer {Mask}");
        text = KeyValueSecret().Replace(text, m => $"{m.Groups["key"].Value}{m.Groups["sep"].Value}{Mask}");
        text = UrlPassword().Replace(text, m => $"{m.Groups["scheme"].Value}{m.Groups["user"].Value}:{Mask}@");
        text = ApiKeyLiteral().Replace(text, Mask);
        return Truncate(text, maxLength);
    }

    /// <summary>Cuts text longer than <paramref name="maxLength"/> and says how long it was.</summary>
    public static string Truncate(string text, int maxLength = MaxValueLength) => text.Length <= maxLength
        ? text
        : string.Concat(text.AsSpan(0, maxLength), $"…[truncated, {text.Length} chars]");

    [GeneratedRegex(@"(pass(word|wd)?|pwd|secret|token|api[-_]?key|authorization|cookie|credential|connectionstring|dsn|webhook)", RegexOptions.IgnoreCase)]
    private static partial Regex SensitiveName();

    [GeneratedRegex(@"(?<name>\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-admin-token)\b)(?<sep>""?\s*[:=]\s*""?)[^\r\n""]+", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderValue();

    [GeneratedRegex(@"\bBearer\s+[A-Za-z0-9\-._~+/=]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?<key>\b(password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|client[-_]?secret)\b)(?<sep>""?\s*[=:]\s*""?)[^;,&\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValueSecret();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*://)(?<user>[^:/@\s]+):[^@/\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"\b(sk|kiln)[-_][A-Za-z0-9_\-]{16,}")]
    private static partial Regex ApiKeyLiteral();
}
