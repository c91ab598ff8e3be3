using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kiln.Api.History;

/// <summary>Keyed hash of client addresses: comparable within the key's lifetime, not reversible by enumerating addresses.</summary>
public sealed class ClientAddressHasher
{
    private readonly byte[] key;

    public ClientAddressHasher(IOptions<HistoryOptions> options, ILogger<ClientAddressHasher> logger)
    {
        if (options.Value.IpHashKey is { } configured) key = Encoding.UTF8.GetBytes(configured);
        else
        {
            key = RandomNumberGenerator.GetBytes(32);
            logger.LogInformation("History:IpHashKey is not set; client addresses are hashed with a random per-process key");
        }
    }

    public string? Hash(System.Net.IPAddress? address) =>
        address is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address.ToString())));
}
