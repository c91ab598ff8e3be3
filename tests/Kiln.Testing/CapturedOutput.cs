using System.Text;
using Kiln.AppHost.Hosting.Output;

namespace Kiln.Testing;

/// <summary>Keeps the launcher's output (children's logs and resource tables) in memory, for failure messages.</summary>
public sealed class CapturedOutput
{
    private readonly StringBuilder text = new();
    private readonly TextWriter writer;

    public CapturedOutput()
    {
        writer = TextWriter.Synchronized(new StringWriter(text));
        Console = new LauncherConsole(writer, useColor: false);
    }

    public LauncherConsole Console { get; }

    /// <summary>Everything written so far.</summary>
    public string Text
    {
        get
        {
            // TextWriter.Synchronized locks the wrapper itself around every write
            lock (writer)
                return text.ToString();
        }
    }

    /// <summary>The last lines, enough to see why something failed.</summary>
    public string Tail(int lines = 80) => string.Join('\n', Text.Split('\n').TakeLast(lines));
}
