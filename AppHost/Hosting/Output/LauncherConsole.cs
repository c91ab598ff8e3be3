namespace Kiln.AppHost.Hosting.Output;

/// <summary>
/// The launcher's single writer: its own lines, every child's lines behind a coloured name, and the
/// resource table. One lock keeps lines from interleaving mid-line.
/// </summary>
public sealed class LauncherConsole(TextWriter writer, bool useColor)
{
    internal const string LauncherName = "apphost";

    private static readonly string[] Palette = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94"];
    private readonly Dictionary<string, string> colors = [];
    private readonly Lock gate = new();
    private int width = LauncherName.Length;

    /// <summary>Console output, coloured unless redirected or NO_COLOR is set.</summary>
    public static LauncherConsole ForTerminal() =>
        new(Console.Out, !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Reserves a colour and the prefix width for a resource name.</summary>
    public void Register(string name)
    {
        lock (gate)
        {
            colors.TryAdd(name, Palette[colors.Count % Palette.Length]);
            width = Math.Max(width, name.Length);
        }
    }

    /// <summary>A line from the launcher itself.</summary>
    public void Info(string line) => Line(LauncherName, line);

    /// <summary>A line of a child's output (or about a resource), prefixed with its name.</summary>
    public void Line(string name, string line)
    {
        lock (gate)
        {
            var prefix = name.PadRight(width);
            if (useColor)
                prefix = name == LauncherName ? $"\e[1m{prefix}\e[0m" : $"\e[{colors.GetValueOrDefault(name, "37")}m{prefix}\e[0m";
            writer.WriteLine($"{prefix} | {line}");
            writer.Flush();
        }
    }

    /// <summary>A block written as is (the resource table).</summary>
    public void Block(string text)
    {
        lock (gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}
