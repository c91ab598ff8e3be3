namespace Kiln.AppHost.Hosting.Output;

/// <summary>Reprints the resource table whenever a resource changes, a short while after the last change
/// so a burst of changes (everything starting at once) prints one table.</summary>
internal sealed class ResourceTableReporter : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly IReadOnlyList<Resource> resources;
    private readonly LauncherConsole console;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private string? lastPrinted;

    public ResourceTableReporter(IReadOnlyList<Resource> resources, LauncherConsole console, TimeProvider time)
    {
        this.resources = resources;
        this.console = console;
        timer = time.CreateTimer(_ => PrintIfChanged(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var resource in resources)
            resource.Changed += OnChanged;
    }

    public void PrintIfChanged()
    {
        var table = ResourceTable.Render(resources);
        lock (gate)
        {
            if (table == lastPrinted)
                return;
            lastPrinted = table;
        }
        console.Block(table);
    }

    public void Dispose()
    {
        foreach (var resource in resources)
            resource.Changed -= OnChanged;
        timer.Dispose();
    }

    private void OnChanged() => timer.Change(Settle, Timeout.InfiniteTimeSpan);
}
