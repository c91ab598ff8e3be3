namespace Kiln.AppHost.Hosting;

/// <summary>A resource services reach through <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Known once the resource has started (or at once for an existing server).</summary>
    string ConnectionString { get; }
}
