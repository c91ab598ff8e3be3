using Kiln.Inference.Gpu;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kiln.Inference.Hosting;

/// <summary>Ready only with a loaded model; the data shows the model, backend, slots, queue and GPU.</summary>
public sealed class ModelHealthCheck(ModelHost host, IGpuMonitor gpu) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        if (gpu.Sample() is { } reading)
        {
            data["gpu"] = reading.Name;
            data["gpuMemoryUsedBytes"] = reading.MemoryUsedBytes;
            data["gpuMemoryTotalBytes"] = reading.MemoryTotalBytes;
            data["gpuUtilizationPercent"] = reading.UtilizationPercent;
        }
        else
        {
            data["gpu"] = "unavailable: " + gpu.UnavailableReason;
        }

        if (host.Engine is not { } engine || host.State != ModelState.Ready)
        {
            var description = host.State switch
            {
                ModelState.Failed => $"Model not loaded: {host.Failure}",
                ModelState.Stopping => "Shutting down: draining generations.",
                _ => "Loading the model.",
            };
            return Task.FromResult(HealthCheckResult.Unhealthy(description, data: data));
        }

        var model = engine.Model;
        var backend = engine.Backend;
        var status = engine.Status;
        data["model"] = model.Name;
        data["architecture"] = model.Architecture;
        data["parameters"] = model.ParameterCount;
        data["fileType"] = model.FileType;
        data["sizeBytes"] = model.SizeBytes;
        data["trainedContext"] = model.TrainedContextLength;
        data["chatTemplate"] = model.ChatTemplate;
        data["backend"] = backend.Name;
        data["layersOffloaded"] = $"{backend.LayersOffloaded}/{backend.OffloadableLayers}";
        data["contextPerSlot"] = backend.ContextPerSlot;
        data["slots"] = status.Slots;
        data["slotsBusy"] = status.BusySlots;
        data["slotsFree"] = status.FreeSlots;
        data["queueDepth"] = status.QueueDepth;
        data["queueCapacity"] = status.QueueCapacity;
        return Task.FromResult(HealthCheckResult.Healthy($"{model.Name} ({model.FileType}) on {backend.Name}", data));
    }
}
