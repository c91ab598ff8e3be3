using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kiln.Api.Keys;

namespace Kiln.Api.Tests;

/// <summary>Creates, revokes and limits API keys through the admin API, as an operator would.</summary>
public static class ApiKeysClient
{
    public static HttpClient CreateAdminClient(this ApiInstance api)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiSystemFixture.AdminToken);
        return client;
    }

    /// <summary>A client that sends <paramref name="key"/> as its bearer token.</summary>
    public static HttpClient CreateClient(this ApiInstance api, string key)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<CreatedKey> CreateKeyAsync(
        ApiInstance api, string name = "test", int? requestsPerMinute = null, int? tokensPerMinute = null, params string[] allowedModels)
    {
        using var admin = api.CreateAdminClient();
        var request = new NewKeyRequest
        {
            Name = name,
            RequestsPerMinute = requestsPerMinute,
            TokensPerMinute = tokensPerMinute,
            AllowedModels = allowedModels,
        };
        // A fresh instance answers 503 until its schema migrations have run.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await admin.PostAsJsonAsync("admin/keys", request);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<CreatedKey>())!;
            }
            await Task.Delay(50);
        }
    }

    public static async Task RevokeKeyAsync(ApiInstance api, string id)
    {
        using var admin = api.CreateAdminClient();
        using var response = await admin.DeleteAsync(new Uri($"admin/keys/{id}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public static async Task<KeyView> SetLimitsAsync(ApiInstance api, string id, KeyLimits limits)
    {
        using var admin = api.CreateAdminClient();
        using var response = await admin.PutAsJsonAsync($"admin/keys/{id}/limits", limits);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<KeyView>())!;
    }
}
