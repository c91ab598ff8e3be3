using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Hosting;

/// <summary>Entry point of the launcher, like Aspire's <c>DistributedApplication.CreateBuilder</c>.</summary>
public static class KilnApp
{
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--state-dir"] = "Kiln:StateDirectory",
        ["--environment"] = "Kiln:Environment",
        ["--configuration"] = "Kiln:BuildConfiguration",
        ["--free-ports"] = "Kiln:FreePorts",
    };

    /// <summary>
    /// Configuration from environment variables and the command line (<c>--state-dir</c>, <c>--environment</c>,
    /// <c>--configuration</c>, <c>--free-ports true</c>, or any <c>--Kiln:Key=value</c>). The same configuration
    /// feeds the pass-through keys (ConnectionStrings__*, Admin__Token, Inference__ModelPath ...).
    /// </summary>
    public static KilnAppBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args, Switches)
            .Build();
        var options = configuration.GetSection(KilnAppOptions.SectionName).Get<KilnAppOptions>() ?? new KilnAppOptions();
        return new KilnAppBuilder(options, configuration);
    }

    /// <summary>For tests: explicit options, and configuration only from <paramref name="configuration"/> (none by default).</summary>
    public static KilnAppBuilder CreateBuilder(KilnAppOptions options, IConfiguration? configuration = null) =>
        new(options, configuration ?? new ConfigurationBuilder().Build());
}
