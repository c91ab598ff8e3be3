using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>
/// Links sent with each alert, to Monitoring's dashboard and alert list. The base address is
/// <c>Monitoring:PublicUrl</c> when set, else Monitoring's own <c>services:monitoring:http:0</c>; none without either.
/// </summary>
public sealed class AlertLinks(IConfiguration configuration)
{
    private readonly Uri? baseAddress =
        Uri.TryCreate(configuration["Monitoring:PublicUrl"] ?? configuration["services:monitoring:http:0"], UriKind.Absolute, out var uri) ? uri : null;

    public IReadOnlyList<AlertLink>? For(AlertCandidate alert) => baseAddress is null
        ? null
        :
        [
            new AlertLink("Dashboard", new Uri(baseAddress, $"/dashboard?service={Uri.EscapeDataString(alert.Service)}")),
            new AlertLink("Alert state (admin API)", new Uri(baseAddress, "/admin/alerts")),
        ];
}
