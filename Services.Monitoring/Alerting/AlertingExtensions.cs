using Kiln.Monitoring.Alerting.Rules;

namespace Kiln.Monitoring.Alerting;

/// <summary>Registers the rules (options validated at start), the evaluator and the alert state store.</summary>
public static class AlertingExtensions
{
    public static IHostApplicationBuilder AddAlertRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RuleOptions>().BindConfiguration(RuleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IAlertRule, CriticalErrorsRule>();
        builder.Services.AddSingleton<IAlertRule, ApiErrorRateRule>();
        builder.Services.AddSingleton<IAlertRule, DatabaseErrorsRule>();
        builder.Services.AddSingleton<IAlertRule, InferenceLatencyRule>();
        builder.Services.AddSingleton<IAlertRule, QueueWaitRule>();
        builder.Services.AddSingleton<IAlertRule, ServiceDownRule>();
        builder.Services.AddSingleton<AlertStateStore>();
        builder.Services.AddSingleton<IAlertStateStore>(sp => sp.GetRequiredService<AlertStateStore>());
        builder.Services.AddSingleton<AlertLinks>();
        builder.Services.AddSingleton<RuleEvaluator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RuleEvaluator>());
        return builder;
    }
}
