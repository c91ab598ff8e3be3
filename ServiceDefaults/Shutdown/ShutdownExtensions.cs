using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.ServiceDefaults.Shutdown;

internal static class ShutdownExtensions
{
    /// <summary>Signal handling with exit codes 0/130/143, and the drain timeout from <c>Shutdown:Timeout</c>.</summary>
    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>()
            .BindConfiguration(ShutdownOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IConfigureOptions<HostOptions>>(services => new ConfigureOptions<HostOptions>(host =>
            host.ShutdownTimeout = services.GetRequiredService<IOptions<ShutdownOptions>>().Value.Timeout));
        builder.Services.AddSingleton<IHostLifetime, SignalExitLifetime>();
        return builder;
    }
}
