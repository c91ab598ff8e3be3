namespace Kiln.Api.Tests;

/// <summary>Settings for rate-limit tests: a private Redis keyspace (shareable between instances) and small limits.</summary>
internal static class RateLimitTestSettings
{
    public static Dictionary<string, string?> With(string keyPrefix, params (string Name, object Value)[] limits)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:KeyPrefix"] = keyPrefix,
            ["RateLimiting:LimitedPaths:0"] = "/v1",
            ["RateLimiting:LimitedPaths:1"] = "/api",
        };
        foreach (var (name, value) in limits) settings[$"RateLimiting:{name}"] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";
}
