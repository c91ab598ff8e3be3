namespace Kiln.Monitoring.Dashboard.History;

/// <summary>A page of the Api's request history as the dashboard shows it, or why there is none.</summary>
public sealed record HistoryResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, long? Total, string? Problem)
{
    public static HistoryResult Failed(string problem) => new([], [], null, problem);
}
