using System.Text.RegularExpressions;

namespace Kiln.AppHost.Hosting;

/// <summary>A server that already runs elsewhere, given by its connection string; the launcher starts nothing for it.</summary>
public sealed partial class ExistingServer(string name, string connectionString) : Resource(name), IResourceWithConnectionString
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>The connection string without its password.</summary>
    public override string? Url => Redact(ConnectionString);

    internal override Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        context.Console.Line(Name, $"using the existing server from ConnectionStrings__{Name}: {Url}");
        SetState(ResourceState.External);
        return Task.CompletedTask;
    }

    internal override Task StopAsync(ResourceContext context, bool force) => Task.CompletedTask;

    internal static string Redact(string connectionString) =>
        KeyValuePassword().Replace(UriPassword().Replace(connectionString, "$1***@"), "$1=***");

    [GeneratedRegex(@"(://[^:/@]*:)[^@]*@")]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"(?i)\b(password|pwd)=[^;,]*")]
    private static partial Regex KeyValuePassword();
}
