using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Kiln.Monitoring.Dashboard.Login;

/// <summary>
/// Holds only a salted PBKDF2 hash of <c>Monitoring:DashboardPassword</c>, re-derived when configuration is reloaded.
/// <see cref="Generation"/> identifies the current password; sessions signed in under another one are ended.
/// </summary>
public sealed class DashboardPassword : IDisposable
{
    private const int Iterations = 100_000;
    private static readonly HashAlgorithmName Algorithm = HashAlgorithmName.SHA256;

    private readonly IDisposable? subscription;
    private volatile Hashed? current;

    public DashboardPassword(IConfiguration configuration)
    {
        current = Hash(configuration[DashboardOptions.PasswordKey]);
        subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => Update(configuration[DashboardOptions.PasswordKey]));
    }

    public bool IsConfigured => current is not null;

    /// <summary>Changes whenever the password does; null while none is configured.</summary>
    public string? Generation => current?.Generation;

    public bool Verify(string? candidate) => current is { } hashed && candidate is not null && hashed.Matches(candidate);

    public void Dispose() => subscription?.Dispose();

    private void Update(string? password)
    {
        // A reload of unrelated settings must not end sessions: keep the hash while the password is the same.
        if (password is not null && Verify(password)) return;
        current = Hash(password);
    }

    private static Hashed? Hash(string? password)
    {
        if (string.IsNullOrEmpty(password)) return null;
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(password, salt);
        var generation = Convert.ToHexString(SHA256.HashData([.. salt, .. hash]).AsSpan(0, 16));
        return new Hashed(salt, hash, generation);
    }

    private static byte[] Derive(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, Algorithm, 32);

    private sealed record Hashed(byte[] Salt, byte[] Hash, string Generation)
    {
        public bool Matches(string candidate) => CryptographicOperations.FixedTimeEquals(Derive(candidate, Salt), Hash);
    }
}
