using System.Reflection;

namespace Kiln.AppHost.Hosting;

/// <summary>Where the repository is, and where the services' build output lies in it.</summary>
public sealed record RepositoryLayout(string Root, string BuildConfiguration)
{
    public const string SolutionFile = "Kiln.slnx";

    /// <summary>The AppHost's own build configuration (Debug/Release): services run from the same one.</summary>
    public static string OwnBuildConfiguration => Metadata("Configuration");

    private static string TargetFramework => Metadata("TargetFramework");

    public static RepositoryLayout Discover(KilnAppOptions options)
    {
        var root = options.RepositoryRoot
            ?? FindRoot(AppContext.BaseDirectory)
            ?? FindRoot(Environment.CurrentDirectory)
            ?? throw new ResourceStartException($"cannot find {SolutionFile} above {AppContext.BaseDirectory}: set Kiln__RepositoryRoot");
        return new RepositoryLayout(Path.GetFullPath(root), options.BuildConfiguration ?? OwnBuildConfiguration);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds the solution.</summary>
    public static string? FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                return folder.FullName;
        }
        return null;
    }

    /// <summary>e.g. Services.Api/bin/Release/net10.0/Services.Api.dll</summary>
    public string ProjectAssembly(string projectName) =>
        Path.Combine(Root, projectName, "bin", BuildConfiguration, TargetFramework, projectName + ".dll");

    /// <summary>The dotnet host that runs the services: the one running us when known.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileName(self) == "dotnet" ? self
        : "dotnet";

    private static string Metadata(string key) =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
