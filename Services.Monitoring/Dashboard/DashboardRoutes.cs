namespace Kiln.Monitoring.Dashboard;

internal static class DashboardRoutes
{
    public const string Home = "/dashboard";
    public const string Login = "/dashboard/login";
    public const string Logout = "/dashboard/logout";
    public const string Events = "/dashboard/events";
    public const string Session = "/dashboard/session";
}
