using System.Net;
using System.Net.Sockets;

namespace Kiln.AppHost.Hosting.Networking;

/// <summary>Hands out loopback ports: the preferred one when it is free, else one the OS picks; never one twice.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> handedOut = [];
    private readonly Func<int, bool> isFree;

    public PortAllocator() : this(IsFree) { }

    internal PortAllocator(Func<int, bool> isFree) => this.isFree = isFree;

    /// <summary>The preferred port when free (0 or null: any free port).</summary>
    public PortChoice Take(int? preferred)
    {
        lock (handedOut)
        {
            if (preferred is > 0 and var port && !handedOut.Contains(port) && isFree(port))
                return Remember(new PortChoice(port, preferred));
            while (true)
            {
                var free = AnyFreePort();
                if (!handedOut.Contains(free))
                    return Remember(new PortChoice(free, preferred));
            }
        }
    }

    /// <summary>A port nothing listens on right now on 127.0.0.1.</summary>
    public static int AnyFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when a listener could bind 127.0.0.1:<paramref name="port"/> now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private PortChoice Remember(PortChoice choice)
    {
        handedOut.Add(choice.Port);
        return choice;
    }
}

/// <summary>A port handed out, and the one that was asked for.</summary>
public sealed record PortChoice(int Port, int? Preferred)
{
    /// <summary>True when a specific port was asked for and another one had to be used.</summary>
    public bool PreferredWasTaken => Preferred is > 0 && Preferred != Port;
}
