namespace Kiln.Monitoring.HealthChecks;

/// <summary>GET /health/ready of a service: any 2xx is ready, anything else (503 included) is not.</summary>
public sealed class ReadyEndpointProbe(HttpClient http, Uri baseAddress) : IHealthProbe
{
    private readonly Uri ready = new(baseAddress, "/health/ready");

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ready, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"/health/ready answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
