namespace Kiln.Monitoring.Dashboard.Login;

internal static class DashboardClaims
{
    /// <summary>Which password a session was opened with (see <see cref="DashboardPassword.Generation"/>).</summary>
    public const string PasswordGeneration = "kiln:dashboard:password-generation";

    public const string OperatorName = "operator";
}
