using Kiln.Monitoring.Dashboard.History;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Monitoring.Dashboard.Pages;

/// <summary>Searches the Api's request history; says so plainly when the Api cannot be reached.</summary>
public sealed class RequestsModel(ApiHistoryClient history) : PageModel
{
    [BindProperty(SupportsGet = true)] public HistoryQuery Query { get; set; } = new();

    public HistoryResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return;
        if (Request.Query.Count == 0) return;
        Result = await history.SearchAsync(Query, ct);
    }
}
