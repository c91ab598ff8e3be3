using System.Diagnostics.Metrics;
using Kiln.Contracts;

namespace Kiln.Inference.Generation;

/// <summary>The engine's OpenTelemetry instruments (meter "Kiln.Inference").</summary>
internal sealed class InferenceMetrics : IDisposable
{
    public const string MeterName = "Kiln.Inference";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _promptEval;
    private readonly Histogram<double> _generation;
    private readonly Histogram<double> _promptRate;
    private readonly Histogram<double> _generationRate;

    public InferenceMetrics(IMeterFactory? meters, Func<int> busySlots, Func<int> queueDepth)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("kiln.inference.requests", "{request}", "Generations finished, by finish reason or failure.");
        _tokens = _meter.CreateCounter<long>("kiln.inference.tokens", "{token}", "Prompt and completion tokens processed.");
        _queueWait = _meter.CreateHistogram<double>("kiln.inference.queue_wait", "ms", "Time a request waited for a slot.");
        _promptEval = _meter.CreateHistogram<double>("kiln.inference.prompt_eval", "ms", "Time from getting a slot to the first token.");
        _generation = _meter.CreateHistogram<double>("kiln.inference.generation", "ms", "Time from the first token to the last.");
        _promptRate = _meter.CreateHistogram<double>("kiln.inference.prompt_rate", "{token}/s", "Prompt tokens per second of one request.");
        _generationRate = _meter.CreateHistogram<double>("kiln.inference.generation_rate", "{token}/s", "Generated tokens per second of one request.");
        _meter.CreateObservableGauge("kiln.inference.slots.busy", busySlots, "{slot}", "Slots generating or prefilling.");
        _meter.CreateObservableGauge("kiln.inference.queue.depth", queueDepth, "{request}", "Requests waiting for a slot.");
    }

    public void Finished(FinishReason reason, int promptTokens, int completionTokens, GenerationTimings timings)
    {
        var tag = new KeyValuePair<string, object?>("finish_reason", reason.ToString().ToLowerInvariant());
        _requests.Add(1, tag);
        _tokens.Add(promptTokens, new KeyValuePair<string, object?>("kind", "prompt"));
        _tokens.Add(completionTokens, new KeyValuePair<string, object?>("kind", "completion"));
        _queueWait.Record(timings.QueueWaitMs);
        _promptEval.Record(timings.PromptEvalMs);
        _generation.Record(timings.GenerationMs);
        if (timings.PromptTokensPerSecond > 0) _promptRate.Record(timings.PromptTokensPerSecond);
        if (timings.GenerationTokensPerSecond > 0) _generationRate.Record(timings.GenerationTokensPerSecond);
    }

    public void Failed(GenerationFailureKind kind) =>
        _requests.Add(1, new KeyValuePair<string, object?>("failure", kind.ToString().ToLowerInvariant()));

    public void Dispose() => _meter.Dispose();
}
