using Kiln.Contracts;
using Kiln.Inference.Generation;
using Kiln.Inference.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Kiln.Inference.Messaging;

/// <summary>Tells the API which model this instance serves and how long a request may be; silent until the model is loaded.</summary>
public sealed class DescribeModelConsumer(ModelHost host, IOptions<InferenceOptions> options) : IConsumer<DescribeModel>
{
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    public Task Consume(ConsumeContext<DescribeModel> context)
    {
        if (host.Engine is not { } engine || host.LoadedAt is not { } loadedAt) return Task.CompletedTask;
        var model = engine.Model;
        var usable = model.TrainedContextLength > 0 ? Math.Min(options.Value.ContextSize, model.TrainedContextLength) : options.Value.ContextSize;
        return context.RespondAsync(new ModelDescribed(
            model.Name, model.Architecture, usable, model.TrainedContextLength, model.ParameterCount, model.FileType, model.SizeBytes, Instance, loadedAt));
    }
}
