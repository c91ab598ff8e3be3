using Kiln.Contracts;
using Kiln.Inference.Hosting;
using Kiln.ServiceDefaults.Messaging;
using Kiln.Testing.Servers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Inference.Tests;

/// <summary>Two inference instances on a real RabbitMQ, wired as Program.cs wires them.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class RabbitMqTests(TinyModelFixture model, RabbitMqServerFixture broker) : IClassFixture<RabbitMqServerFixture>, IAsyncLifetime
{
    private readonly List<WebApplication> _instances = [];

    [Fact]
    public async Task A_request_is_answered_and_streamed_over_the_broker()
    {
        var bus = _instances[0].Services.GetRequiredService<IBus>();
        var chunks = new List<TokenGenerated>();
        var stream = bus.ConnectReceiveEndpoint($"test-stream-{Guid.NewGuid():N}", e =>
            e.Handler<TokenGenerated>(context =>
            {
                lock (chunks) chunks.Add(context.Message);
                return Task.CompletedTask;
            }));
        await stream.Ready;
        var client = bus.CreateRequestClient<GenerateText>(new Uri($"queue:{QueueNames.Inference}"), RequestTimeout.After(s: 60));

        var response = await client.GetResponse<TextGenerated, GenerationFailed>(new GenerateText
        {
            RequestId = Guid.NewGuid(),
            Model = "kiln-test",
            Prompt = "Once upon a time",
            Sampling = new SamplingParameters { Temperature = 0, MaxTokens = 300 },
            Stream = true,
            StreamAddress = stream.ReceiveEndpoint.InputAddress,
        });

        Assert.True(response.Is(out Response<TextGenerated>? generated));
        Assert.Equal(300, generated.Message.Usage.CompletionTokens);
        // The last chunks travel on their own queue and may land after the final result.
        int Received() { lock (chunks) return chunks.Count; }
        for (var waited = 0; waited < 100 && Received() < generated.Message.StreamChunks; waited++) await Task.Delay(50);
        lock (chunks)
        {
            Assert.Equal(generated.Message.StreamChunks, chunks.Count);
            Assert.Equal(generated.Message.Text, string.Concat(chunks.OrderBy(c => c.Sequence).Select(c => c.Text)));
            Assert.InRange(chunks.Count, 1, 299);
        }
    }

    [Fact]
    public async Task A_published_CancelGeneration_reaches_whichever_instance_is_generating()
    {
        var bus = _instances[0].Services.GetRequiredService<IBus>();
        var client = bus.CreateRequestClient<GenerateText>(new Uri($"queue:{QueueNames.Inference}"), RequestTimeout.After(s: 60));
        var request = new GenerateText
        {
            RequestId = Guid.NewGuid(),
            Model = "kiln-test",
            Prompt = "Once upon a time",
            Sampling = new SamplingParameters { Temperature = 0, MaxTokens = 4000 },
        };
        var pending = client.GetResponse<TextGenerated, GenerationFailed>(request);
        var hosts = _instances.Select(i => i.Services.GetRequiredService<ModelHost>()).ToList();
        for (var i = 0; i < 1000 && hosts.All(h => h.Engine!.Status.BusySlots == 0); i++) await Task.Delay(10);

        await bus.Publish(new CancelGeneration(request.RequestId, "client went away"));
        var response = await pending;

        Assert.True(response.Is(out Response<TextGenerated>? generated));
        Assert.Equal(FinishReason.Cancelled, generated.Message.FinishReason);
    }

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = broker.ConnectionString,
                ["Inference:ModelPath"] = model.ModelPath,
                ["Inference:Slots"] = "2",
                ["Inference:ContextSize"] = "4096",
                ["Inference:BatchSize"] = "64",
                ["Inference:Threads"] = "1",
                ["Inference:Backend"] = "Cpu",
            });
            builder.AddKilnMessaging(bus => bus.AddInferenceConsumers());
            builder.AddInference();
            var app = builder.Build();
            await app.StartAsync();
            _instances.Add(app);
        }
        foreach (var host in _instances.Select(i => i.Services.GetRequiredService<ModelHost>()))
        {
            for (var i = 0; i < 500 && host.State == ModelState.Loading; i++) await Task.Delay(10);
            Assert.Equal(ModelState.Ready, host.State);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _instances)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
