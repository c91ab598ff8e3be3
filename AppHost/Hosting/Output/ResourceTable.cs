using System.Text;

namespace Kiln.AppHost.Hosting.Output;

/// <summary>Renders the resources as a plain-text table: name, state, URL, pid.</summary>
internal static class ResourceTable
{
    public static string Render(IEnumerable<Resource> resources)
    {
        string[] header = ["NAME", "STATE", "URL", "PID"];
        var rows = resources.Select(r => new[] { r.Name, r.State.ToString(), r.Url ?? "-", r.Pid?.ToString() ?? "-" }).ToList();
        var widths = header.Select((h, column) => rows.Select(row => row[column].Length).Append(h.Length).Max()).ToArray();

        var table = new StringBuilder();
        AppendRow(table, header, widths);
        foreach (var row in rows)
            AppendRow(table, row, widths);
        return table.ToString().TrimEnd();
    }

    private static void AppendRow(StringBuilder table, string[] cells, int[] widths) =>
        table.Append("  ").AppendJoin("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).Append('\n');
}
