using Microsoft.EntityFrameworkCore;

namespace Kiln.ServiceDefaults.Data;

/// <summary>Whether the schema of <typeparamref name="TContext"/> is migrated, and why not yet.</summary>
public sealed class DatabaseState<TContext> where TContext : DbContext
{
    private volatile string? _problem = "Schema migrations have not run yet.";

    public bool IsMigrated => _problem is null;

    public string? Problem => _problem;

    internal void MarkMigrated() => _problem = null;

    internal void MarkFailed(string problem) => _problem = problem;
}
