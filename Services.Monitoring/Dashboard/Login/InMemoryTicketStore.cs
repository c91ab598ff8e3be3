using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Kiln.Monitoring.Dashboard.Login;

/// <summary>
/// Keeps sessions on the server so the cookie holds only a session id: logging out removes the session, and a
/// copy of the old cookie no longer works. Sessions live in this process, so a restart ends them.
/// </summary>
internal sealed class InMemoryTicketStore(TimeProvider time) : ITicketStore, IDisposable
{
    private const string Prefix = "dashboard-session:";

    // Bounded: a flood of logins cannot grow it without limit.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Save(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Save(key, ticket);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(Prefix + key, out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(Prefix + key);
        return Task.CompletedTask;
    }

    private void Save(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? time.GetUtcNow().AddHours(24);
        cache.Set(Prefix + key, ticket, new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = 1 });
    }

    public void Dispose() => cache.Dispose();
}
