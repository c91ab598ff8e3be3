using System.Collections.Concurrent;
using Kiln.Contracts;
using Kiln.Inference.Llama;
using Microsoft.Extensions.Logging;

namespace Kiln.Inference.Generation;

/// <summary>
/// The decode loop, as llama.cpp's server runs its slots: every step puts one token of each generating sequence
/// and prompt chunks of sequences still prefilling into one batch, decodes it once, then samples each sequence.
/// Requests beyond the slots wait in a bounded queue; all native calls on the context happen on this one thread.
/// </summary>
internal sealed class BatchScheduler : IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly LlamaBatchHandle _batch;
    private readonly SequenceSlot[] _slots;
    private readonly ConcurrentQueue<PendingGeneration> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InferenceMetrics _metrics;
    private readonly int _queueCapacity;
    private readonly Thread _thread;
    private int _inSystem;
    private int _queued;
    private int _busy;
    private volatile bool _stopping;
    private volatile bool _cancelAll;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BatchScheduler(LlamaModel model, LlamaContext context, int queueCapacity, TimeProvider time, ILogger logger, InferenceMetrics metrics)
    {
        _model = model;
        _context = context;
        _queueCapacity = queueCapacity;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _batch = LlamaBatchHandle.Allocate(context.BatchSize);
        _slots = Enumerable.Range(0, context.Sequences).Select(i => new SequenceSlot(i)).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "llama decode loop" };
        _thread.Start();
    }

    public int SlotCount => _slots.Length;
    public int BusySlots => Volatile.Read(ref _busy);
    public int QueueDepth => Volatile.Read(ref _queued);
    public int QueueCapacity => _queueCapacity;

    /// <summary>Requests admitted or waiting; zero once everything has finished.</summary>
    public int InFlight => Volatile.Read(ref _inSystem);

    public Task<SequenceOutcome> Submit(PendingGeneration work, CancellationToken cancellationToken)
    {
        if (_stopping) throw new GenerationException(GenerationFailureKind.Transient, "The inference engine is shutting down; send the request again.");
        if (Interlocked.Increment(ref _inSystem) > _slots.Length + _queueCapacity)
        {
            Interlocked.Decrement(ref _inSystem);
            throw new GenerationException(GenerationFailureKind.Overloaded,
                $"All {_slots.Length} slots are busy and {_queueCapacity} requests are already waiting; try again later.");
        }
        work.EnqueuedAt = _time.GetTimestamp();
        Interlocked.Increment(ref _queued);
        _queue.Enqueue(work);
        if (cancellationToken.CanBeCanceled)
            work.Cancellation = cancellationToken.Register(static state =>
            {
                var (scheduler, cancelled) = ((BatchScheduler, PendingGeneration))state!;
                scheduler.Cancel(cancelled);
            }, (this, work));
        _wake.Set();
        return work.Completion.Task;
    }

    /// <summary>Completes once intake has stopped and every request has finished.</summary>
    public Task Drained => _drained.Task;

    /// <summary>No new requests from now on; those already in keep going.</summary>
    public void StopIntake()
    {
        _stopping = true;
        if (InFlight == 0) _drained.TrySetResult();
    }

    /// <summary>Ends every running and waiting request with finish reason "cancelled".</summary>
    public void CancelAll()
    {
        _cancelAll = true;
        _wake.Set();
    }

    private void Cancel(PendingGeneration work)
    {
        if (work.TryCancelWhileQueued())
        {
            Interlocked.Decrement(ref _queued);
            var waited = _time.GetElapsedTime(work.EnqueuedAt).TotalMilliseconds;
            Complete(work, new SequenceOutcome("", FinishReason.Cancelled, work.PromptTokens.Length, 0, new GenerationTimings(waited, 0, 0, 0, 0)));
            return;
        }
        work.RequestCancel();
        _wake.Set();
    }

    private void Run()
    {
        while (true)
        {
            _wake.Reset();
            try
            {
                if (_cancelAll) CancelQueued();
                Admit();
                EndCancelled();
                if (BusySlots == 0)
                {
                    if (_cancelAll && _stopping && _queue.IsEmpty) return;
                    _wake.Wait();
                    continue;
                }
                Step();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "The decode loop failed; failing the sequences it was running");
                foreach (var slot in _slots.Where(s => !s.IsFree)) Fail(slot, new GenerationException(GenerationFailureKind.Model, $"Decoding failed: {e.Message}", e));
            }
        }
    }

    private void CancelQueued()
    {
        while (_queue.TryDequeue(out var work)) Cancel(work);
    }

    private void Admit()
    {
        foreach (var slot in _slots)
        {
            if (!slot.IsFree) continue;
            PendingGeneration? admitted = null;
            while (admitted is null && _queue.TryDequeue(out var work))
            {
                if (work.TryAdmit()) admitted = work;
            }
            if (admitted is null) return;
            Interlocked.Decrement(ref _queued);
            slot.Start(admitted, _time.GetTimestamp());
            Interlocked.Increment(ref _busy);
        }
    }

    private void EndCancelled()
    {
        foreach (var slot in _slots)
        {
            if (slot.Work is { } work && (work.CancelRequested || _cancelAll)) Finish(slot, FinishReason.Cancelled, stopMatched: false);
        }
    }

    private void Step()
    {
        _batch.Clear();
        foreach (var slot in _slots)
        {
            slot.InBatch = false;
            if (slot.IsFree || !slot.HasPendingToken) continue;
            slot.BatchIndex = _batch.Add(slot.PendingToken, slot.Position++, slot.Sequence, wantLogits: true);
            slot.HasPendingToken = false;
            slot.InBatch = true;
        }
        foreach (var slot in _slots)
        {
            if (!slot.IsPrefilling) continue;
            var prompt = slot.Work!.PromptTokens;
            var room = _batch.Capacity - _batch.Count;
            if (room == 0) break;
            var end = Math.Min(prompt.Length, slot.PromptOffset + room);
            for (var i = slot.PromptOffset; i < end; i++)
            {
                var last = i == prompt.Length - 1;
                var index = _batch.Add(prompt[i], slot.Position++, slot.Sequence, wantLogits: last);
                if (last) slot.BatchIndex = index;
            }
            slot.PromptOffset = end;
            slot.InBatch = true;
        }

        if (_batch.Count == 0) return;
        var status = _context.Decode(_batch);
        if (status != 0)
        {
            var error = new GenerationException(GenerationFailureKind.Model, $"llama_decode failed with status {status} on a batch of {_batch.Count} tokens.");
            _logger.LogError("llama_decode returned {Status} for a batch of {Tokens} tokens", status, _batch.Count);
            foreach (var slot in _slots.Where(s => s.InBatch)) Fail(slot, error);
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var slot in _slots)
        {
            if (slot.IsFree || slot.BatchIndex < 0) continue;
            var work = slot.Work!;
            var token = LlamaNative.llama_sampler_sample(work.Sampler, _context.Handle, slot.BatchIndex);
            slot.BatchIndex = -1;
            if (slot.FirstTokenAt == 0) slot.FirstTokenAt = now;

            if (_model.IsEndOfGeneration(token))
            {
                Finish(slot, FinishReason.Stop, stopMatched: false);
                continue;
            }
            slot.CompletionTokens++;
            if (slot.AppendToken(_model, token)) Finish(slot, FinishReason.Stop, stopMatched: true);
            else if (slot.CompletionTokens >= work.MaxTokens) Finish(slot, FinishReason.Length, stopMatched: false);
            else
            {
                slot.PendingToken = token;
                slot.HasPendingToken = true;
            }
        }
    }

    private void Finish(SequenceSlot slot, FinishReason reason, bool stopMatched)
    {
        var work = slot.Work!;
        if (!stopMatched) slot.FlushText();
        var now = _time.GetTimestamp();
        var promptEnd = slot.FirstTokenAt == 0 ? now : slot.FirstTokenAt;
        var queueWait = _time.GetElapsedTime(work.EnqueuedAt, slot.AdmittedAt).TotalMilliseconds;
        var promptMs = _time.GetElapsedTime(slot.AdmittedAt, promptEnd).TotalMilliseconds;
        var generationMs = _time.GetElapsedTime(promptEnd, now).TotalMilliseconds;
        var promptTokens = work.PromptTokens.Length;
        // The first token comes out of the prompt's decode; each later one costs a step of its own.
        var timings = new GenerationTimings(
            queueWait,
            promptMs,
            generationMs,
            slot.FirstTokenAt == 0 || promptMs <= 0 ? 0 : promptTokens * 1000 / promptMs,
            slot.CompletionTokens > 1 && generationMs > 0 ? (slot.CompletionTokens - 1) * 1000 / generationMs : 0);
        var outcome = new SequenceOutcome(slot.Text.ToString(), reason, promptTokens, slot.CompletionTokens, timings);
        Free(slot);
        _metrics.Finished(reason, promptTokens, outcome.CompletionTokens, timings);
        Complete(work, outcome);
    }

    private void Fail(SequenceSlot slot, GenerationException error)
    {
        var work = slot.Work!;
        Free(slot);
        _metrics.Failed(error.Kind);
        work.Cancellation.Unregister();
        work.Sampler.Dispose();
        Leave();
        work.Completion.TrySetException(error);
    }

    private void Free(SequenceSlot slot)
    {
        _context.ClearSequence(slot.Sequence);
        slot.Release();
        Interlocked.Decrement(ref _busy);
    }

    private void Complete(PendingGeneration work, SequenceOutcome outcome)
    {
        work.Cancellation.Unregister();
        work.Sampler.Dispose();
        Leave();
        work.Completion.TrySetResult(outcome);
    }

    private void Leave()
    {
        if (Interlocked.Decrement(ref _inSystem) == 0 && _stopping) _drained.TrySetResult();
    }

    /// <summary>Cancels everything and waits for the loop to end; the caller then frees the context and model.</summary>
    public void Dispose()
    {
        StopIntake();
        CancelAll();
        _thread.Join();
        _batch.Dispose();
        _wake.Dispose();
    }
}
