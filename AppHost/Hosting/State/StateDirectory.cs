using System.Security.Cryptography;
using Kiln.AppHost.Hosting.Processes;

namespace Kiln.AppHost.Hosting.State;

/// <summary>The folder holding the servers' data and the run's secrets; one AppHost uses it at a time.</summary>
internal sealed class StateDirectory : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Searchable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly FileStream lockFile;

    private StateDirectory(string root, FileStream lockFile)
    {
        Root = root;
        this.lockFile = lockFile;
    }

    public string Root { get; }

    /// <summary>Creates the folder if needed and takes its lock.</summary>
    public static StateDirectory Open(string root)
    {
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        // servers run as their own users when we are root and must be able to reach their folders
        if (Posix.IsRoot)
            File.SetUnixFileMode(root, Searchable);
        try
        {
            var lockFile = new FileStream(Path.Combine(root, "apphost.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new StateDirectory(root, lockFile);
        }
        catch (IOException)
        {
            throw new ResourceStartException($"another AppHost is using {root}: stop it, or set Kiln__StateDirectory to another folder");
        }
    }

    /// <summary>A sub-folder, created if needed.</summary>
    public string Folder(params string[] names)
    {
        var path = Path.Combine([Root, .. names]);
        Directory.CreateDirectory(path);
        return path;
    }

    public string SecretPath(string name)
    {
        var folder = Folder("secrets");
        File.SetUnixFileMode(folder, OwnerOnly);
        return Path.Combine(folder, name);
    }

    /// <summary>A password kept across runs (servers store it in their data); created when missing.</summary>
    public (string Value, bool Created) ReadOrCreateSecret(string name)
    {
        var path = SecretPath(name);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing && existing.All(char.IsAsciiLetterOrDigit))
            return (existing, false);
        var value = NewSecret();
        WriteSecret(path, value);
        return (value, true);
    }

    public static void WriteSecret(string path, string value)
    {
        File.WriteAllText(path, value + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Letters and digits only, so it needs no escaping in a URI or a connection string.</summary>
    public static string NewSecret(int bytes = 16) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();

    public void Dispose() => lockFile.Dispose();
}
