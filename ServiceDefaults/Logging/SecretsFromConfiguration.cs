using Microsoft.Extensions.Configuration;

namespace Kiln.ServiceDefaults.Logging;

/// <summary>Collects the secret values this service was configured with, so logs can mask them verbatim.</summary>
internal static class SecretsFromConfiguration
{
    public static IEnumerable<string> Collect(IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value)) continue;
            var name = key[(key.LastIndexOf(':') + 1)..];
            if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var secret in PasswordsIn(value)) yield return secret;
            }
            else if (LogRedactor.IsSensitiveName(name))
            {
                yield return value;
            }
        }
    }

    private static IEnumerable<string> PasswordsIn(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':'))
        {
            yield return Uri.UnescapeDataString(uri.UserInfo[(uri.UserInfo.IndexOf(':') + 1)..]);
            yield break;
        }
        foreach (var part in connectionString.Split(';', ',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq > 0 && LogRedactor.IsSensitiveName(part[..eq].Trim())) yield return part[(eq + 1)..].Trim();
        }
    }
}
