namespace Kiln.Monitoring.HealthChecks;

/// <summary>A target's debounced state: it changes only after enough consecutive results agree.</summary>
public enum TargetStatus { Up, Down }
