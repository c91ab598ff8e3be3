using Kiln.Inference.Llama;

namespace Kiln.Inference.Generation;

/// <summary>A tokenized request with its sampler, waiting for a slot and then owned by one.</summary>
internal sealed class PendingGeneration(int[] promptTokens, int maxTokens, StopSequences stops, SafeLlamaSamplerHandle sampler, IGeneratedTextSink? sink)
{
    private const int Queued = 0, Admitted = 1, CancelledWhileQueued = 2;
    private int _state;
    private volatile bool _cancelRequested;

    public int[] PromptTokens { get; } = promptTokens;
    public int MaxTokens { get; } = maxTokens;
    public StopSequences Stops { get; } = stops;
    public SafeLlamaSamplerHandle Sampler { get; } = sampler;
    public IGeneratedTextSink? Sink { get; } = sink;
    public long EnqueuedAt { get; set; }
    public CancellationTokenRegistration Cancellation { get; set; }
    public TaskCompletionSource<SequenceOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the caller's cancellation once the request holds a slot; the decode loop ends it at the next step.</summary>
    public bool CancelRequested => _cancelRequested;

    public void RequestCancel() => _cancelRequested = true;

    /// <summary>Claimed by the decode loop; false when the caller cancelled first.</summary>
    public bool TryAdmit() => Interlocked.CompareExchange(ref _state, Admitted, Queued) == Queued;

    /// <summary>Claimed by the caller's cancellation; false when the decode loop admitted it first.</summary>
    public bool TryCancelWhileQueued() => Interlocked.CompareExchange(ref _state, CancelledWhileQueued, Queued) == Queued;
}
