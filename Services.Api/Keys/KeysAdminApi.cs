using Kiln.Api.Data;
using Kiln.ServiceDefaults.Admin;
using Kiln.ServiceDefaults.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel.DataAnnotations;

namespace Kiln.Api.Keys;

/// <summary>/admin/keys (operator token): create, list, show, revoke keys and set their limits and models.</summary>
public static class KeysAdminApi
{
    public static RouteGroupBuilder MapKeysAdminApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/admin/keys").RequireAdminToken().WithTags("Admin: keys");
        keys.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<DatabaseState<ApiDbContext>>() is { IsMigrated: false } database
                ? TypedResults.Problem($"The key store is not ready: {database.Problem}", statusCode: StatusCodes.Status503ServiceUnavailable)
                : await next(context));
        keys.MapPost("/", CreateKey);
        keys.MapGet("/", ListKeys);
        keys.MapGet("/{id}", GetKey);
        keys.MapDelete("/{id}", RevokeKey);
        keys.MapPut("/{id}/limits", SetLimits);
        return keys;
    }

    private static async Task<Results<Created<CreatedKey>, ValidationProblem>> CreateKey(
        NewKeyRequest body, ApiKeyStore store, CancellationToken cancellationToken)
    {
        if (Invalid(body) is { } errors) return TypedResults.ValidationProblem(errors);
        var (key, plaintext) = await store.CreateAsync(body.Name.Trim(), body.Limits, cancellationToken);
        return TypedResults.Created($"/admin/keys/{key.Id}", new CreatedKey(plaintext, KeyView.From(key)));
    }

    private static async Task<Ok<List<KeyView>>> ListKeys(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(KeyView.From).ToList());

    private static async Task<Results<Ok<KeyView>, NotFound>> GetKey(string id, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } key ? TypedResults.Ok(KeyView.From(key)) : TypedResults.NotFound();

    private static async Task<Results<Ok<KeyView>, NotFound>> RevokeKey(
        string id, ApiKeyStore store, ApiKeyAuthenticator authenticator, CancellationToken cancellationToken)
    {
        var key = await store.RevokeAsync(id, cancellationToken);
        authenticator.Forget(id);
        return key is null ? TypedResults.NotFound() : TypedResults.Ok(KeyView.From(key));
    }

    private static async Task<Results<Ok<KeyView>, NotFound, ValidationProblem>> SetLimits(
        string id, KeyLimits body, ApiKeyStore store, ApiKeyAuthenticator authenticator, CancellationToken cancellationToken)
    {
        if (Invalid(body) is { } errors) return TypedResults.ValidationProblem(errors);
        var key = await store.SetLimitsAsync(id, body, cancellationToken);
        authenticator.Forget(id);
        return key is null ? TypedResults.NotFound() : TypedResults.Ok(KeyView.From(key));
    }

    private static Dictionary<string, string[]>? Invalid(object body)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(body, new ValidationContext(body), results, validateAllProperties: true)) return null;
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, Message: r.ErrorMessage ?? "invalid")))
            .GroupBy(e => e.Member)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
    }
}
