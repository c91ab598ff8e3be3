using System.ComponentModel.DataAnnotations;

namespace Kiln.Monitoring.Dashboard.History;

/// <summary>The filters of the request-history search, passed on to the Api's GET /admin/history.</summary>
public sealed class HistoryQuery
{
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }
    [StringLength(64)] public string? KeyId { get; set; }
    [Range(100, 599)] public int? Status { get; set; }
    [Range(1, 100_000)] public int Page { get; set; } = 1;
    [Range(1, 200)] public int PageSize { get; set; } = 50;

    public string ToQueryString()
    {
        var parts = new List<string> { $"page={Page}", $"pageSize={PageSize}" };
        if (From is { } from) parts.Add("from=" + Uri.EscapeDataString(from.ToString("O")));
        if (To is { } to) parts.Add("to=" + Uri.EscapeDataString(to.ToString("O")));
        if (!string.IsNullOrWhiteSpace(KeyId)) parts.Add("keyId=" + Uri.EscapeDataString(KeyId.Trim()));
        if (Status is { } status) parts.Add($"status={status}");
        return "?" + string.Join('&', parts);
    }
}
