using System.Diagnostics.Metrics;
using Kiln.Contracts;
using Kiln.Inference.Generation;
using Kiln.Inference.Gpu;
using Kiln.Inference.Llama;
using Kiln.Inference.Messaging;
using Kiln.ServiceDefaults.Shutdown;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Kiln.Inference.Hosting;

/// <summary>
/// Loads the model in the background when the service starts, and only then starts taking work from the
/// "inference" queue, so a replica without a model never takes a request. On shutdown it stops intake, lets
/// running generations finish within the drain timeout, cancels the rest and frees native memory.
/// </summary>
public sealed class ModelHost(
    IOptions<InferenceOptions> options,
    IOptions<ShutdownOptions> shutdown,
    IReceiveEndpointConnector endpoints,
    IBus bus,
    IGpuMonitor gpu,
    IMeterFactory meters,
    ILoggerFactory loggers,
    TimeProvider time) : IHostedService, IAsyncDisposable
{
    /// <summary>The queue GenerateText commands arrive on.</summary>
    public const string QueueName = QueueNames.Inference;

    private readonly ILogger _logger = loggers.CreateLogger<ModelHost>();
    private Task? _loading;
    private HostReceiveEndpointHandle? _intake;
    private volatile InferenceEngine? _engine;

    public ModelState State { get; private set; } = ModelState.Loading;

    /// <summary>Why the model is not available (when <see cref="State"/> is Failed).</summary>
    public string? Failure { get; private set; }

    /// <summary>The engine once the model is loaded; null before, after a failure and after shutdown.</summary>
    public InferenceEngine? Engine => _engine;

    /// <summary>When the model finished loading; null before.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(LoadAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task LoadAsync()
    {
        var settings = options.Value;
        _logger.LogInformation("Loading model {Path}", settings.ModelPath);
        try
        {
            _engine = InferenceEngine.Create(settings, loggers, time, gpu, meters);
        }
        catch (Exception e) when (e is LlamaLoadException or IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            Failure = e.Message;
            State = ModelState.Failed;
            _logger.LogError("The model could not be loaded, so this instance takes no work: {Reason}", e.Message);
            await ReportAsync(e.Message);
            return;
        }

        var limit = settings.Slots + settings.QueueCapacity;
        _intake = endpoints.ConnectReceiveEndpoint(QueueName, (context, endpoint) =>
        {
            endpoint.ConcurrentMessageLimit = limit;
            endpoint.PrefetchCount = limit;
            endpoint.ConfigureConsumer<GenerateTextConsumer>(context);
        });
        LoadedAt = time.GetUtcNow();
        State = ModelState.Ready;
        _logger.LogInformation("Taking work from the {Queue} queue, {Limit} requests at a time", QueueName, limit);
    }

    private async Task ReportAsync(string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await bus.Publish(
                new ErrorOccurred("inference", ErrorCategory.Configuration, Severity.Critical, $"Model not loaded: {reason}", null, time.GetUtcNow()),
                timeout.Token);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Could not publish the model failure: {Reason}", e.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loading is not null) await _loading;
        if (_engine is not { } engine) return;
        State = ModelState.Stopping;

        var drainTimeout = shutdown.Value.Timeout;
        _logger.LogInformation("Stopping intake; draining {Busy} running and {Queued} waiting generations for up to {Timeout}",
            engine.Status.BusySlots, engine.Status.QueueDepth, drainTimeout);
        var stopIntake = _intake is null ? Task.CompletedTask : _intake.StopAsync(cancellationToken);
        await engine.DrainAsync(drainTimeout, cancellationToken);
        try
        {
            await stopIntake;
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("The {Queue} endpoint did not stop in time", QueueName);
        }
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        var engine = Interlocked.Exchange(ref _engine, null);
        if (engine is not null) await engine.DisposeAsync();
    }
}
