namespace Kiln.Monitoring.Alerting;

/// <summary>One alert rule, evaluated every few seconds.</summary>
public interface IAlertRule
{
    string Name { get; }

    RuleVerdict Evaluate(DateTimeOffset now);
}

/// <summary>
/// What is firing now. A firing alert of this rule that is not in <see cref="Firing"/> is resolved, unless
/// <see cref="CanResolve"/> is false (the rule has not seen enough yet, e.g. just after a restart) or its
/// fingerprint is in <see cref="Undecided"/>.
/// </summary>
public sealed record RuleVerdict(IReadOnlyList<AlertCandidate> Firing, bool CanResolve = true, IReadOnlySet<string>? Undecided = null)
{
    public static readonly RuleVerdict Quiet = new([]);
}
