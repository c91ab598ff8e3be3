using System.Diagnostics.Metrics;
using Kiln.Contracts;
using Kiln.Inference.Gpu;
using Kiln.Inference.Llama;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Inference.Generation;

/// <summary>
/// A loaded model and its batched decode loop. Usable without the web host:
/// <c>await using var engine = InferenceEngine.Create(new InferenceOptions { ModelPath = "m.gguf" });</c>
/// then <c>await engine.GenerateAsync(new GenerationRequest { Prompt = "..." })</c> from as many tasks as you like.
/// </summary>
public sealed class InferenceEngine : IAsyncDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly BatchScheduler _scheduler;
    private readonly PromptFormatter _prompts;
    private readonly InferenceMetrics _metrics;
    private readonly IGpuMonitor? _gpu;
    private readonly int _defaultMaxTokens;
    private readonly TimeProvider _time;
    private int _disposed;

    private InferenceEngine(LlamaModel model, LlamaContext context, LoadedBackend backend, InferenceOptions options, TimeProvider time, ILogger logger, IGpuMonitor? gpu, IMeterFactory? meters)
    {
        _model = model;
        _context = context;
        _gpu = gpu;
        _defaultMaxTokens = options.DefaultMaxTokens;
        _time = time;
        _prompts = new PromptFormatter(options.ChatTemplate, model.ChatTemplate);
        if (_prompts.UnsupportedTemplate)
            logger.LogWarning("llama.cpp does not support the chat template of {Model}; chat messages use the plain transcript fallback", model.Path);
        else if (_prompts.TemplateSource == "fallback")
            logger.LogInformation("{Model} has no chat template; chat messages use the plain transcript fallback", model.Path);

        Model = Describe(model, options, _prompts.TemplateSource);
        var offloadable = model.LayerCount + 1;
        var offloaded = backend.HasGpu ? (options.GpuLayers < 0 ? offloadable : Math.Min(options.GpuLayers, offloadable)) : 0;
        Backend = new BackendDescription(backend.Name, offloaded, offloadable, backend.Devices, context.Sequences, context.ContextPerSequence, context.BatchSize, Threads(options));
        _metrics = new InferenceMetrics(meters, () => _scheduler!.BusySlots, () => _scheduler!.QueueDepth);
        _scheduler = new BatchScheduler(model, context, options.QueueCapacity, time, logger, _metrics);
    }

    public ModelDescription Model { get; }
    public BackendDescription Backend { get; }
    public EngineStatus Status => new(_scheduler.SlotCount, _scheduler.BusySlots, _scheduler.QueueDepth, _scheduler.QueueCapacity);

    /// <summary>Loads llama.cpp, the model and a context of <see cref="InferenceOptions.Slots"/> sequences; throws <see cref="LlamaLoadException"/> with the reason.</summary>
    public static InferenceEngine Create(InferenceOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null, IGpuMonitor? gpu = null, IMeterFactory? meters = null)
    {
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<InferenceEngine>();
        var backend = LlamaLibrary.Load(options.Backend, logger, options.NativeLibraryPath);
        var model = LlamaModel.Load(options.ModelPath, backend.Name == "cpu" ? 0 : options.GpuLayers);
        try
        {
            if (!model.IsDecoderOnly) throw new LlamaLoadException($"{model.Path} is not a decoder-only text model; Kiln serves those only.");
            var context = LlamaContext.Create(model, options.Slots, options.ContextSize, options.BatchSize, Threads(options), options.FlashAttention, options.KvCacheType);
            var engine = new InferenceEngine(model, context, backend, options, time ?? TimeProvider.System, logger, gpu, meters);
            logger.LogInformation("Loaded {Model} ({Parameters:N0} parameters, {FileType}) on {Backend}: {Slots} slots of {Context} tokens",
                engine.Model.Name, engine.Model.ParameterCount, engine.Model.FileType, backend.Name, context.Sequences, context.ContextPerSequence);
            return engine;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Generates text. Ends with <see cref="FinishReason.Cancelled"/> (and the text so far) when
    /// <paramref name="cancellationToken"/> fires; throws <see cref="GenerationException"/> when the request is
    /// invalid, the queue is full (overloaded) or decoding failed.
    /// </summary>
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        SamplerChain.Validate(request.Sampling);
        var prompt = _prompts.Format(request);
        var tokens = _model.Tokenize(prompt, addSpecial: true, parseSpecial: true);
        var room = _context.ContextPerSequence;
        if (tokens.Length == 0) throw new GenerationException(GenerationFailureKind.Invalid, "The prompt is empty.");
        if (tokens.Length >= room)
            throw new GenerationException(GenerationFailureKind.Invalid,
                $"The prompt is {tokens.Length} tokens long; this server's context holds {room} tokens per request, prompt and completion together.");

        var maxTokens = Math.Min(request.Sampling.MaxTokens ?? _defaultMaxTokens, room - tokens.Length);
        var stops = request.Sampling.Stop is { Count: > 0 } stop ? new StopSequences(stop) : StopSequences.None;
        var sampler = SamplerChain.Create(request.Sampling, _model.VocabSize, request.IgnoreEndOfGeneration ? _model.EndOfGenerationTokens : []);
        var before = _gpu?.Sample();
        Task<SequenceOutcome> running;
        try
        {
            running = _scheduler.Submit(new PendingGeneration(tokens, maxTokens, stops, sampler, request.Stream), cancellationToken);
        }
        catch (GenerationException e)
        {
            sampler.Dispose();
            _metrics.Failed(e.Kind);
            throw;
        }
        var outcome = await running;
        var after = _gpu?.Sample();
        return new GenerationResult(
            outcome.Text,
            outcome.FinishReason,
            new Usage(outcome.PromptTokens, outcome.CompletionTokens),
            outcome.Timings,
            Figures(before, after));
    }

    /// <summary>Tokens the model's tokenizer makes of <paramref name="text"/> (with BOS when the model adds one).</summary>
    public int CountTokens(string text) => _model.Tokenize(text, addSpecial: true, parseSpecial: true).Length;

    /// <summary>Stops intake, lets running and queued requests finish within <paramref name="timeout"/>, then cancels the rest.</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        _scheduler.StopIntake();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(_scheduler.Drained, Task.Delay(timeout, _time, stop.Token));
        await stop.CancelAsync();
        _scheduler.CancelAll();
        await _scheduler.Drained;
    }

    private static GpuFigures Figures(GpuSnapshot? before, GpuSnapshot? after) =>
        before is null || after is null
            ? new GpuFigures(false)
            : new GpuFigures(true, after.Name, before.MemoryUsedBytes, after.MemoryUsedBytes, after.MemoryTotalBytes, after.UtilizationPercent);

    private static int Threads(InferenceOptions options) => options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

    private static ModelDescription Describe(LlamaModel model, InferenceOptions options, string templateSource)
    {
        var name = !string.IsNullOrWhiteSpace(options.ModelName) ? options.ModelName
            : model.Metadata("general.name") is { Length: > 0 } general ? general
            : Path.GetFileNameWithoutExtension(model.Path);
        return new ModelDescription(
            name,
            model.Metadata("general.architecture") ?? "unknown",
            model.ParameterCount,
            model.FileType,
            model.TrainedContextLength,
            model.SizeBytes,
            model.LayerCount,
            model.VocabSize,
            model.Path,
            templateSource);
    }

    /// <summary>Cancels what is still running, stops the decode loop and frees the context and the model.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return ValueTask.CompletedTask;
        _scheduler.Dispose();
        _context.Dispose();
        _model.Dispose();
        _metrics.Dispose();
        return ValueTask.CompletedTask;
    }
}
