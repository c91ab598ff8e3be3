using System.Text.Json;
using Kiln.ServiceDefaults.Admin;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Dashboard.History;

/// <summary>
/// Reads the Api's GET /admin/history with the operator token, through service discovery (<c>services:api:http:0</c>).
/// The rows are shown as the Api sends them, so a new history column appears without a dashboard change.
/// </summary>
public sealed class ApiHistoryClient(HttpClient http, IOptions<AdminOptions> admin, ILogger<ApiHistoryClient> logger)
{
    public const string Name = "api";
    private const int MaxColumns = 16;

    // An operator is waiting on the page: past this, the standard handler's retries stop and the page says why.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(4);

    public async Task<HistoryResult> SearchAsync(HistoryQuery query, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(admin.Value.Token))
            return HistoryResult.Failed("Admin:Token is not configured here, so the Api's history cannot be read (set Admin__Token).");
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Patience);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/history" + query.ToQueryString());
            request.Headers.Add("X-Admin-Token", admin.Value.Token);
            using var response = await http.SendAsync(request, patience.Token);
            if (!response.IsSuccessStatusCode)
                return HistoryResult.Failed($"The Api answered {(int)response.StatusCode} {response.ReasonPhrase} to the history query.");
            await using var body = await response.Content.ReadAsStreamAsync(patience.Token);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: patience.Token);
            return Read(json.RootElement);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException or InvalidOperationException or JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("The Api's history could not be read: {Reason}", e.Message);
            var reason = e is OperationCanceledException ? $"no answer within {Patience.TotalSeconds:0} s" : e.Message;
            return HistoryResult.Failed($"The Api is unreachable, so the request history cannot be shown right now ({reason}).");
        }
    }

    private static HistoryResult Read(JsonElement root)
    {
        var items = root.ValueKind == JsonValueKind.Array ? root : FirstArray(root);
        if (items is not { } rows) return HistoryResult.Failed("The Api's history answer holds no list of requests.");
        var columns = rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object)
            .SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().Take(MaxColumns).ToList();
        var cells = rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object)
            .Select(r => (IReadOnlyList<string>)columns.Select(c => r.TryGetProperty(c, out var v) ? Text(v) : "").ToList())
            .ToList();
        return new HistoryResult(columns, cells, Total(root), null);
    }

    private static JsonElement? FirstArray(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array) return property.Value;
        }
        return null;
    }

    private static long? Total(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in new[] { "total", "totalCount", "count" })
        {
            if (root.TryGetProperty(name, out var v) && v.TryGetInt64(out var n)) return n;
        }
        return null;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
