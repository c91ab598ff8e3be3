namespace Kiln.ServiceDefaults.RequestIds;

/// <summary>The request id of the work in progress, flowing through async calls, HTTP calls and messages.</summary>
public static class CorrelationContext
{
    public const string HeaderName = "X-Request-ID";
    public const string LogField = "CorrelationId";

    private static readonly AsyncLocal<string?> CurrentId = new();

    public static string? Current
    {
        get => CurrentId.Value;
        set => CurrentId.Value = value;
    }
}
