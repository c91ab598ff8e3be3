using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiln.Api.Data;
using Kiln.Api.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class KeysTests(ApiSystemFixture system)
{
    private static readonly Uri Models = new("v1/models", UriKind.Relative);

    [Fact]
    public async Task Key_is_shown_once_and_only_a_hash_of_its_secret_is_stored()
    {
        await using var api = await system.StartApiAsync();
        var created = await ApiKeysClient.CreateKeyAsync(api, "shown-once");

        Assert.True(ApiKeyFormat.TryParse(created.Key, out var id, out var secret));
        Assert.Equal(created.Details.Id, id);
        using var admin = api.CreateAdminClient();
        var listed = await admin.GetStringAsync(new Uri("admin/keys", UriKind.Relative));
        Assert.Contains(id, listed);
        Assert.DoesNotContain(secret, listed);

        await using var scope = api.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<ApiDbContext>().Set<ApiKey>().SingleAsync(k => k.Id == id);
        Assert.Equal(32, row.SecretHash.Length);
        Assert.Equal(ApiKeyFormat.Hash(secret), row.SecretHash);
        Assert.DoesNotContain(secret, Convert.ToHexStringLower(row.SecretHash));
    }

    [Fact]
    public async Task Valid_key_is_accepted()
    {
        await using var api = await system.StartApiAsync();
        var created = await ApiKeysClient.CreateKeyAsync(api);
        using var client = api.CreateClient(created.Key);

        using var response = await client.GetAsync(Models);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "missing_api_key")]
    [InlineData("sk-not-a-kiln-key", "invalid_api_key")]
    [InlineData("kiln_0123456789abcdef_0000", "invalid_api_key")]
    public async Task Missing_or_unknown_key_gives_401_in_OpenAI_format(string? key, string code)
    {
        await using var api = await system.StartApiAsync();
        await ApiKeysClient.CreateKeyAsync(api); // waits until the key store is migrated
        using var client = key is null ? api.CreateClient() : api.CreateClient(key);

        using var response = await client.GetAsync(Models);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Wrong_secret_for_a_real_key_gives_401()
    {
        await using var api = await system.StartApiAsync();
        var created = await ApiKeysClient.CreateKeyAsync(api);
        using var client = api.CreateClient(ApiKeyFormat.Format(created.Details.Id, new string('0', 64)));

        using var response = await client.GetAsync(Models);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (await ErrorOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Revoked_key_gives_403_at_once_on_the_instance_that_revoked_it()
    {
        await using var api = await system.StartApiAsync();
        var created = await ApiKeysClient.CreateKeyAsync(api);
        using var client = api.CreateClient(created.Key);
        using (var before = await client.GetAsync(Models)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await ApiKeysClient.RevokeKeyAsync(api, created.Details.Id);

        using var response = await client.GetAsync(Models);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("api_key_revoked", (await ErrorOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Revoke_reaches_another_instance_within_the_cache_duration()
    {
        var settings = new Dictionary<string, string?> { ["Keys:CacheDuration"] = "00:00:00.500" };
        await using var first = await system.StartApiAsync(settings);
        await using var second = await system.StartApiAsync(settings);
        var created = await ApiKeysClient.CreateKeyAsync(first);
        using var client = second.CreateClient(created.Key);
        using (var cached = await client.GetAsync(Models)) Assert.Equal(HttpStatusCode.OK, cached.StatusCode);

        await ApiKeysClient.RevokeKeyAsync(first, created.Details.Id);
        var clock = Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (clock.Elapsed < TimeSpan.FromSeconds(5) && status != HttpStatusCode.Forbidden)
        {
            using var response = await client.GetAsync(Models);
            status = response.StatusCode;
            if (status != HttpStatusCode.Forbidden) await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"revoke took {clock.Elapsed} to reach the other instance");
    }

    [Fact]
    public async Task Admin_key_endpoints_require_the_admin_token()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient();

        using var response = await client.PostAsJsonAsync("admin/keys", new NewKeyRequest { Name = "no-token" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Limits_and_allowed_models_can_be_set_and_invalid_limits_are_refused()
    {
        await using var api = await system.StartApiAsync();
        var created = await ApiKeysClient.CreateKeyAsync(api, "limited", 10, 1000);
        Assert.Equal(10, created.Details.RequestsPerMinute);

        var view = await ApiKeysClient.SetLimitsAsync(api, created.Details.Id,
            new KeyLimits { RequestsPerMinute = 60, TokensPerMinute = 5000, AllowedModels = ["kiln-test"] });
        Assert.Equal(60, view.RequestsPerMinute);
        Assert.Equal(5000, view.TokensPerMinute);
        Assert.Equal(["kiln-test"], view.AllowedModels);

        using var admin = api.CreateAdminClient();
        using var invalid = await admin.PostAsJsonAsync("admin/keys", new NewKeyRequest { Name = "bad", RequestsPerMinute = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var missing = await admin.DeleteAsync(new Uri("admin/keys/doesnotexist", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    internal static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = document.RootElement.GetProperty("error").Clone();
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error;
    }
}
