using Kiln.AppHost.Hosting.Networking;

namespace Kiln.AppHost.Tests;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Free_preferred_port_is_used()
    {
        var ports = new PortAllocator(isFree: _ => true);

        var choice = ports.Take(6380);

        Assert.Equal(6380, choice.Port);
        Assert.False(choice.PreferredWasTaken);
    }

    [Fact]
    public void Taken_preferred_port_is_replaced_by_a_free_one_and_said_so()
    {
        var ports = new PortAllocator(isFree: port => port != 6380);

        var choice = ports.Take(6380);

        Assert.NotEqual(6380, choice.Port);
        Assert.True(choice.PreferredWasTaken);
        Assert.True(PortAllocator.IsFree(choice.Port));
    }

    [Fact]
    public void A_port_is_never_handed_out_twice()
    {
        var ports = new PortAllocator(isFree: _ => true);

        var first = ports.Take(5100);
        var second = ports.Take(5100);

        Assert.Equal(5100, first.Port);
        Assert.NotEqual(5100, second.Port);
        Assert.True(second.PreferredWasTaken);
    }

    [Fact]
    public void Zero_means_any_free_port_without_complaint()
    {
        var ports = new PortAllocator();

        var choices = Enumerable.Range(0, 20).Select(_ => ports.Take(0)).ToList();

        Assert.All(choices, c => Assert.False(c.PreferredWasTaken));
        Assert.Equal(20, choices.Select(c => c.Port).Distinct().Count());
    }

    [Fact]
    public void A_port_with_a_listener_is_not_free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        Assert.False(PortAllocator.IsFree(port));
        Assert.NotEqual(port, new PortAllocator().Take(port).Port);
    }
}
