using Kiln.Contracts;

namespace Kiln.Monitoring.ErrorTracking;

/// <summary>
/// What counts as a database connection error: an ErrorOccurred whose Component is "postgres", or, from a
/// publisher that sets no Component, a Resource error whose message mentions PostgreSQL or the database.
/// </summary>
public static class DatabaseErrors
{
    public const string Component = "postgres";

    public static bool Matches(ErrorOccurred error) =>
        error.Component is { } component
            ? component.Equals(Component, StringComparison.OrdinalIgnoreCase)
            : error.Category == ErrorCategory.Resource &&
              (error.Message.Contains("postgres", StringComparison.OrdinalIgnoreCase) ||
               error.Message.Contains("database", StringComparison.OrdinalIgnoreCase));
}
