using Kiln.Monitoring.Dashboard.Live;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Monitoring.Dashboard.Pages;

public sealed class IndexModel(IDashboardSource source) : PageModel
{
    public DashboardSnapshot Snapshot { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Snapshot = await source.GetSnapshotAsync(ct);
}
