using Kiln.AppHost.Hosting;

namespace Kiln.AppHost.Tests;

public sealed class KilnAppOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        new KilnAppOptions().EnsureValid();
    }

    [Fact]
    public void An_impossible_port_is_refused_with_its_configuration_key()
    {
        var options = new KilnAppOptions { Ports = { ["api"] = 70000 } };

        var error = Assert.Throws<ResourceStartException>(options.EnsureValid);

        Assert.Contains("Kiln:Ports:api", error.Message);
    }

    [Fact]
    public void A_restart_cap_below_the_first_delay_is_refused()
    {
        var options = new KilnAppOptions { RestartDelay = TimeSpan.FromSeconds(10), MaxRestartDelay = TimeSpan.FromSeconds(1) };

        var error = Assert.Throws<ResourceStartException>(options.EnsureValid);

        Assert.Contains("MaxRestartDelay", error.Message);
    }

    [Fact]
    public void Command_line_switches_reach_the_options()
    {
        var builder = KilnApp.CreateBuilder(["--state-dir", "/tmp/somewhere", "--environment", "Production", "--free-ports", "true"]);

        Assert.Equal("/tmp/somewhere", builder.Options.StateDirectory);
        Assert.Equal("Production", builder.Options.Environment);
        Assert.True(builder.Options.FreePorts);
    }
}
