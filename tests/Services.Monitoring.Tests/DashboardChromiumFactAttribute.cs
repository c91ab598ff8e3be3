namespace Kiln.Monitoring.Tests;

/// <summary>A fact that drives Debian's Chromium; skipped, saying why, where it is not installed.</summary>
public sealed class DashboardChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public DashboardChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
            Skip = $"{ChromiumPath} is not installed (apt-get install chromium; scripts/ensure-deps.sh installs it on CI).";
    }
}
