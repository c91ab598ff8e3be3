using Kiln.AppHost.Hosting.Networking;

namespace Kiln.Testing;

/// <summary>Loopback ports for tests.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on right now on 127.0.0.1 (so it also refuses connections).</summary>
    public static int Next() => PortAllocator.AnyFreePort();
}
