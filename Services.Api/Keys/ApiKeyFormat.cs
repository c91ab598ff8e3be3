using System.Security.Cryptography;

namespace Kiln.Api.Keys;

/// <summary>
/// Keys look like <c>kiln_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the row, the secret proves possession. Both are
/// lowercase hex, so neither contains the separator.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "kiln_";
    public const int MaxIdLength = 32;
    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    public static (string Id, string Secret) NewKey() =>
        (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes)));

    public static string Format(string id, string secret) => $"{Prefix}{id}_{secret}";

    public static bool TryParse(string? key, out string id, out string secret)
    {
        id = secret = "";
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = key.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator <= 0 || separator > MaxIdLength || separator == rest.Length - 1) return false;
        id = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// SHA-256 without salt or stretching is right here: the secret is 256 bits from a CSPRNG, so there is no
    /// dictionary to guess from, and a slow hash would only cost every request time.
    /// </summary>
    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time: the time taken does not tell how much of a guessed secret was right.</summary>
    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
