namespace Kiln.Inference.Tests;

/// <summary>A fact that is skipped, saying why, when a program it needs is not on the PATH.</summary>
public sealed class RequiresProgramFactAttribute : FactAttribute
{
    public RequiresProgramFactAttribute(string program)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
        if (!found) Skip = $"{program} is not installed on this machine.";
    }
}
