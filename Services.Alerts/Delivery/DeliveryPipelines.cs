using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Kiln.Alerts.Delivery;

/// <summary>One Polly pipeline per receiver channel: quick retries with exponential backoff and jitter inside a circuit breaker.</summary>
public sealed class DeliveryPipelines(IOptions<AlertsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ResiliencePipeline Pipeline, CircuitBreakerStateProvider State)> pipelines = new();

    public ResiliencePipeline For(string receiver, string channel) => Get(Key(receiver, channel)).Pipeline;

    /// <summary>Receiver channels whose breaker is open or half-open right now.</summary>
    public IReadOnlyList<string> Broken() =>
        pipelines.Where(p => p.Value.State.CircuitState is CircuitState.Open or CircuitState.Isolated).Select(p => p.Key).ToList();

    private (ResiliencePipeline Pipeline, CircuitBreakerStateProvider State) Get(string key) => pipelines.GetOrAdd(key, _ =>
    {
        var delivery = options.Value.Delivery;
        var state = new CircuitBreakerStateProvider();
        var failure = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not BrokenCircuitException);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (delivery.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = failure,
                MaxRetryAttempts = delivery.RetryAttempts,
                Delay = delivery.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = failure,
            FailureRatio = delivery.BreakFailureRatio,
            MinimumThroughput = delivery.BreakMinimumThroughput,
            SamplingDuration = delivery.BreakSampling,
            BreakDuration = delivery.BreakDuration,
            StateProvider = state,
        });
        return (builder.Build(), state);
    });

    private static string Key(string receiver, string channel) => $"{receiver}/{channel}";
}
