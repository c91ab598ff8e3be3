using System.Text.Json;
using Kiln.Alerts.Data;
using Kiln.Alerts.Routing;
using Kiln.ServiceDefaults.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Alerts.Silences;

/// <summary>POST/GET/DELETE /admin/silences: matchers (Alertmanager's shape) and an expiry.</summary>
public static class SilencesApi
{
    public static RouteGroupBuilder MapSilencesApi(this IEndpointRouteBuilder app)
    {
        var silences = app.MapGroup("/admin/silences").RequireAdminToken();
        silences.MapPost("/", Create);
        silences.MapGet("/", List);
        silences.MapDelete("/{id:guid}", Expire);
        return silences;
    }

    /// <summary>A new silence: from <see cref="StartsAt"/> (default now) until <see cref="EndsAt"/>, or for <see cref="Duration"/>.</summary>
    public sealed record NewSilence(IReadOnlyList<Matcher>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, TimeSpan? Duration, string? CreatedBy, string? Comment);

    public sealed record SilenceView(Guid Id, IReadOnlyList<Matcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment, string State);

    private static async Task<Results<Created<SilenceView>, ValidationProblem>> Create(NewSilence body, AlertsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var matchers = body.Matchers ?? [];
        if (matchers.Count == 0) errors["matchers"] = ["A silence needs at least one matcher."];
        foreach (var matcher in matchers)
        {
            try { matcher.Validate(); }
            catch (Exception e) when (e is FormatException or ArgumentException) { errors["matchers"] = [$"{matcher}: {e.Message}"]; }
        }
        var startsAt = (body.StartsAt ?? now).ToUniversalTime();
        var endsAt = (body.EndsAt ?? (body.Duration is { } d ? startsAt + d : now)).ToUniversalTime();
        if (endsAt <= startsAt || endsAt <= now) errors["endsAt"] = ["A silence must end in the future, after it starts (give endsAt or duration)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var silence = new Silence
        {
            Id = Guid.CreateVersion7(now),
            MatchersJson = JsonSerializer.Serialize(matchers),
            StartsAt = startsAt,
            EndsAt = endsAt,
            CreatedBy = body.CreatedBy ?? "",
            Comment = body.Comment ?? "",
        };
        db.Silences.Add(silence);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/admin/silences/{silence.Id}", View(silence, now));
    }

    private static async Task<Ok<List<SilenceView>>> List(AlertsDbContext db, TimeProvider time, bool? expired, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var query = db.Silences.AsNoTracking();
        if (expired != true) query = query.Where(s => s.EndsAt > now);
        var silences = await query.OrderByDescending(s => s.StartsAt).Take(1_000).ToListAsync(ct);
        return TypedResults.Ok(silences.Select(s => View(s, now)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> Expire(Guid id, AlertsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var silence = await db.Silences.FindAsync([id], ct);
        if (silence is null) return TypedResults.NotFound();
        if (silence.EndsAt > now) silence.EndsAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static SilenceView View(Silence s, DateTimeOffset now) =>
        new(s.Id, s.Matchers(), s.StartsAt, s.EndsAt, s.CreatedBy, s.Comment, s.EndsAt <= now ? "expired" : s.StartsAt > now ? "pending" : "active");
}
