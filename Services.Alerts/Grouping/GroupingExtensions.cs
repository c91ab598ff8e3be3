using Microsoft.Extensions.DependencyInjection.Extensions;
using Kiln.Alerts.Inhibition;
using Kiln.Alerts.Routing;
using Microsoft.Extensions.Options;

namespace Kiln.Alerts.Grouping;

/// <summary>Options, the routing tree, inhibition, intake and the group flusher.</summary>
public static class GroupingExtensions
{
    public static IHostApplicationBuilder AddAlertRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section)
            // A root route without a receiver sends to the first (or the built-in "default") receiver.
            .PostConfigure(o => o.Route.Receiver ??= o.EffectiveReceivers.Keys.First())
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>();
        builder.Services.AddSingleton(s => new RouteTree(s.GetRequiredService<IOptions<AlertsOptions>>().Value.Route));
        builder.Services.AddSingleton(s => new Inhibitor(s.GetRequiredService<IOptions<AlertsOptions>>().Value.EffectiveInhibitRules));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<AlertIntake>();
        builder.Services.AddScoped<GroupFlusher>();
        return builder;
    }
}
