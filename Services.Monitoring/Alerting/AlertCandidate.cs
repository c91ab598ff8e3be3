using System.Security.Cryptography;
using System.Text;
using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>A condition a rule found true now; <see cref="Fingerprint"/> is stable across evaluations and restarts.</summary>
public sealed record AlertCandidate(string Rule, string Service, Severity Severity, string Summary, IReadOnlyDictionary<string, string> Labels)
{
    public string Fingerprint { get; } = FingerprintOf(Rule, Service, Labels);

    /// <summary>
    /// SHA-256 of rule, service and the labels (sorted by key), first 16 bytes as hex. Labels must therefore
    /// hold only identity (which rule, which service, which component), never a changing value.
    /// </summary>
    public static string FingerprintOf(string rule, string service, IReadOnlyDictionary<string, string> labels)
    {
        var text = new StringBuilder().Append(rule).Append('\n').Append(service);
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            text.Append('\n').Append(key).Append('=').Append(value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    public static AlertCandidate For(string rule, string service, Severity severity, string summary, params (string Key, string Value)[] extraLabels)
    {
        var labels = new Dictionary<string, string> { ["rule"] = rule, ["service"] = service };
        foreach (var (key, value) in extraLabels) labels[key] = value;
        return new AlertCandidate(rule, service, severity, summary, labels);
    }
}
