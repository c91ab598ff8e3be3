namespace Kiln.Testing;

/// <summary>A fresh temp folder for a launcher's state, deleted on dispose.</summary>
public sealed class TestStateDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kiln-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
