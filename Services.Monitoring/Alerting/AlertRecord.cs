using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>An alert Monitoring raised: firing while <see cref="ResolvedAt"/> is null.</summary>
public sealed record AlertRecord(
    string Fingerprint,
    string Rule,
    string Service,
    Severity Severity,
    string Summary,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastPublishedAt,
    DateTimeOffset? ResolvedAt);

/// <summary>What the alert page shows: every firing alert and the most recently resolved ones.</summary>
public sealed record AlertsSnapshot(IReadOnlyList<AlertRecord> Firing, IReadOnlyList<AlertRecord> RecentlyResolved);
