using Kiln.Contracts;
using MassTransit;

namespace Kiln.Api.Models;

/// <summary>
/// The model inference serves, asked over the bus (<see cref="DescribeModel"/>) and kept for
/// <see cref="RefreshInterval"/>; when inference does not answer, the last description is used, if any.
/// </summary>
public sealed class ModelCatalog(IClientFactory clients, TimeProvider time, ILogger<ModelCatalog> logger) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _asking = new(1, 1);
    private ModelDescribed? _known;
    private DateTimeOffset _knownAt;
    private int _asks;

    /// <summary>The served model, or null when no inference instance ever answered.</summary>
    public async Task<ModelDescribed?> GetAsync(CancellationToken cancellationToken)
    {
        if (_known is { } fresh && time.GetUtcNow() - _knownAt < RefreshInterval) return fresh;
        // Callers queued behind an ask take its result, answered or not: with inference down, N waiting requests
        // cost one ask timeout, not N of them in a row.
        var asksBefore = Volatile.Read(ref _asks);
        await _asking.WaitAsync(cancellationToken);
        try
        {
            if (_asks != asksBefore || (_known is not null && time.GetUtcNow() - _knownAt < RefreshInterval)) return _known;
            var client = clients.CreateRequestClient<DescribeModel>(new Uri($"queue:{QueueNames.InferenceModels}"), RequestTimeout.After(s: (int)AskTimeout.TotalSeconds));
            var response = await client.GetResponse<ModelDescribed>(new DescribeModel(Guid.NewGuid()), cancellationToken);
            _known = response.Message;
            _knownAt = time.GetUtcNow();
            _asks++;
        }
        catch (RequestTimeoutException)
        {
            _asks++;
            logger.LogWarning("No inference instance described its model within {Timeout}; using {Known}", AskTimeout, _known?.Name ?? "nothing");
        }
        finally
        {
            _asking.Release();
        }
        return _known;
    }

    /// <summary>The served model when <paramref name="name"/> names it (ordinal), else null.</summary>
    public static bool Serves(ModelDescribed model, string name) => string.Equals(model.Name, name, StringComparison.Ordinal);

    public void Dispose() => _asking.Dispose();
}
