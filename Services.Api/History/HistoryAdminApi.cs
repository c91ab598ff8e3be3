using Kiln.Api.Data;
using Kiln.ServiceDefaults.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Api.History;

/// <summary>GET /admin/history?from=&amp;to=&amp;keyId=&amp;status=&amp;page=&amp;pageSize= (admin token), newest first.</summary>
public static class HistoryAdminApi
{
    private const int MaxPageSize = 500;

    public static RouteGroupBuilder MapHistoryAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/history").RequireAdminToken();
        admin.MapGet("/", Query);
        return admin;
    }

    private static async Task<Results<Ok<HistoryPage>, ValidationProblem>> Query(
        ApiDbContext db, DateTimeOffset? from, DateTimeOffset? to, string? keyId, int? status, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var (p, size) = (page ?? 1, pageSize ?? 50);
        if (p < 1 || size is < 1 or > MaxPageSize)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = [$"page must be at least 1 and pageSize between 1 and {MaxPageSize}."] });

        var rows = db.RequestHistory.AsNoTracking();
        if (from is { } f) rows = rows.Where(r => r.CreatedAt >= f.ToUniversalTime());
        if (to is { } t) rows = rows.Where(r => r.CreatedAt < t.ToUniversalTime());
        if (keyId is not null) rows = rows.Where(r => r.KeyId == keyId);
        if (status is { } s) rows = rows.Where(r => r.StatusCode == s);

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new HistoryPage(items, p, size, total));
    }

    public sealed record HistoryPage(IReadOnlyList<RequestRecord> Items, int Page, int PageSize, int Total);
}
