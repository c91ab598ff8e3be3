using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthHistory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Monitoring.Dashboard.Pages;

/// <summary>Recent health changes, newest first, optionally for one service.</summary>
public sealed class HealthModel(MonitoringDbContext db) : PageModel
{
    private const int Shown = 200;

    [BindProperty(SupportsGet = true)] public string? Service { get; set; }

    public IReadOnlyList<HealthTransition> Transitions { get; private set; } = [];

    public IReadOnlyList<string> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Services = await db.HealthTransitions.AsNoTracking().Select(t => t.Service).Distinct().OrderBy(s => s).ToListAsync(ct);
        var query = db.HealthTransitions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Service)) query = query.Where(t => t.Service == Service);
        Transitions = await query.OrderByDescending(t => t.ChangedAt).Take(Shown).ToListAsync(ct);
    }
}
