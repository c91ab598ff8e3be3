using Kiln.Contracts;
using Kiln.Inference.Hosting;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kiln.Inference.Tests;

/// <summary>The service as wired in Program.cs, over MassTransit's in-memory transport.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class InferenceServiceTests(TinyModelFixture model)
{
    private static readonly Uri InferenceQueue = new($"queue:{QueueNames.Inference}");

    [Fact]
    public async Task GenerateText_is_answered_with_TextGenerated_and_InferenceCompleted_is_published()
    {
        await using var service = await StartAsync(model.ModelPath);
        var client = service.Harness.Bus.CreateRequestClient<GenerateText>(InferenceQueue);

        var response = await client.GetResponse<TextGenerated, GenerationFailed>(Request(maxTokens: 12));

        Assert.True(response.Is(out Response<TextGenerated>? generated));
        Assert.Equal(12, generated.Message.Usage.CompletionTokens);
        Assert.Equal(FinishReason.Length, generated.Message.FinishReason);
        Assert.Equal("kiln-test", generated.Message.Model);
        var completed = await service.Harness.Published.SelectAsync<InferenceCompleted>().FirstOrDefault();
        Assert.NotNull(completed);
        Assert.Equal(generated.Message.RequestId, completed.Context.Message.RequestId);
        Assert.False(completed.Context.Message.Gpu.Available);
    }

    [Fact]
    public async Task A_stream_arrives_in_coalesced_non_persistent_chunks_that_add_up_to_the_final_text()
    {
        await using var service = await StartAsync(model.ModelPath);
        var chunks = new List<(int Sequence, string Text)>();
        var stream = service.Harness.Bus.ConnectReceiveEndpoint($"stream-{Guid.NewGuid():N}", endpoint =>
            endpoint.Handler<TokenGenerated>(context =>
            {
                lock (chunks) chunks.Add((context.Message.Sequence, context.Message.Text));
                return Task.CompletedTask;
            }));
        await stream.Ready;
        var client = service.Harness.Bus.CreateRequestClient<GenerateText>(InferenceQueue);

        var response = await client.GetResponse<TextGenerated, GenerationFailed>(Request(maxTokens: 200) with { Stream = true, StreamAddress = stream.ReceiveEndpoint.InputAddress });

        Assert.True(response.Is(out Response<TextGenerated>? generated));
        Assert.True(generated.Message.StreamChunks > 0);
        // The last chunks travel on their own queue and may land after the final result.
        int Received() { lock (chunks) return chunks.Count; }
        for (var waited = 0; waited < 100 && Received() < generated.Message.StreamChunks; waited++) await Task.Delay(50);
        lock (chunks)
        {
            Assert.Equal(generated.Message.StreamChunks, chunks.Count);
            Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Sequence).Order());
            Assert.Equal(generated.Message.Text, string.Concat(chunks.OrderBy(c => c.Sequence).Select(c => c.Text)));
            Assert.InRange(chunks.Count, 1, generated.Message.Usage.CompletionTokens - 1);
        }
        var sent = await service.Harness.Sent.SelectAsync<TokenGenerated>().ToListAsync();
        Assert.NotEmpty(sent);
        Assert.All(sent, chunk => Assert.False(chunk.Context.Durable));
    }

    [Fact]
    public async Task CancelGeneration_stops_a_running_generation()
    {
        await using var service = await StartAsync(model.ModelPath, context: 4096);
        var request = Request(maxTokens: 4000);
        var client = service.Harness.Bus.CreateRequestClient<GenerateText>(InferenceQueue, RequestTimeout.After(s: 30));
        var pending = client.GetResponse<TextGenerated, GenerationFailed>(request);
        await WaitUntil(() => service.Host.Engine!.Status.BusySlots == 1);

        await service.Harness.Bus.Publish(new CancelGeneration(request.RequestId, "client went away"));
        var response = await pending;

        Assert.True(response.Is(out Response<TextGenerated>? generated));
        Assert.Equal(FinishReason.Cancelled, generated.Message.FinishReason);
        Assert.InRange(generated.Message.Usage.CompletionTokens, 0, 3999);
    }

    [Fact]
    public async Task A_deadline_that_passes_during_generation_cancels_it()
    {
        await using var service = await StartAsync(model.ModelPath, context: 4096);
        var client = service.Harness.Bus.CreateRequestClient<GenerateText>(InferenceQueue, RequestTimeout.After(s: 30));

        var response = await client.GetResponse<TextGenerated, GenerationFailed>(Request(maxTokens: 4000) with { Deadline = DateTimeOffset.UtcNow.AddMilliseconds(150) });

        Assert.True(response.Is(out Response<TextGenerated>? generated));
        Assert.Equal(FinishReason.Cancelled, generated.Message.FinishReason);
    }

    [Fact]
    public async Task An_invalid_request_is_answered_with_GenerationFailed_and_reported()
    {
        await using var service = await StartAsync(model.ModelPath, context: 256);
        var client = service.Harness.Bus.CreateRequestClient<GenerateText>(InferenceQueue);

        var response = await client.GetResponse<TextGenerated, GenerationFailed>(Request() with { Prompt = string.Join(' ', Enumerable.Repeat("once upon a time", 200)) });

        Assert.True(response.Is(out Response<GenerationFailed>? failed));
        Assert.Equal(GenerationFailureKind.Invalid, failed.Message.Kind);
        var error = await service.Harness.Published.SelectAsync<ErrorOccurred>().FirstOrDefault();
        Assert.NotNull(error);
        Assert.Equal(ErrorCategory.Data, error.Context.Message.Category);
    }

    [Fact]
    public async Task Health_shows_model_backend_slots_and_queue_once_loaded()
    {
        await using var service = await StartAsync(model.ModelPath);

        var entry = await CheckModelHealth(service);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("kiln-test", entry.Data["model"]);
        Assert.Equal("cpu", entry.Data["backend"]);
        Assert.Equal(2, entry.Data["slots"]);
        Assert.Equal(2, entry.Data["slotsFree"]);
        Assert.Equal(0, entry.Data["queueDepth"]);
        Assert.StartsWith("unavailable", (string)entry.Data["gpu"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_leaves_the_service_unready_with_the_reason_and_takes_no_work()
    {
        var missing = Path.Combine(model.Folder, "nowhere.gguf");
        await using var service = await StartAsync(missing);

        var entry = await CheckModelHealth(service);

        Assert.Equal(ModelState.Failed, service.Host.State);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains($"Model file not found: {missing}", entry.Description, StringComparison.Ordinal);
        Assert.Null(service.Host.Engine);
        var reported = await service.Harness.Published.SelectAsync<ErrorOccurred>().FirstOrDefault();
        Assert.NotNull(reported);
        Assert.Equal(Severity.Critical, reported.Context.Message.Severity);
    }

    private static GenerateText Request(int maxTokens = 16) => new()
    {
        RequestId = Guid.NewGuid(),
        Model = "kiln-test",
        Prompt = "Once upon a time",
        Sampling = new SamplingParameters { Temperature = 0, MaxTokens = maxTokens },
    };

    private static async Task<HealthReportEntry> CheckModelHealth(RunningService service)
    {
        var report = await service.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "model");
        return report.Entries["model"];
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "timed out waiting");
    }

    private static async Task<RunningService> StartAsync(string modelPath, int context = 512)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inference:ModelPath"] = modelPath,
            ["Inference:Slots"] = "2",
            ["Inference:QueueCapacity"] = "2",
            ["Inference:ContextSize"] = context.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Inference:BatchSize"] = "64",
            ["Inference:Threads"] = "1",
            ["Inference:Backend"] = "Cpu",
            ["Inference:StreamInterval"] = "00:00:00.010",
        });
        builder.Services.AddMassTransitTestHarness(bus => bus.AddInferenceConsumers());
        builder.AddInference();
        var app = builder.Build();
        await app.StartAsync();
        var host = app.Services.GetRequiredService<ModelHost>();
        await WaitUntil(() => host.State != ModelState.Loading);
        return new RunningService(app, app.Services.GetTestHarness(), host);
    }

    private sealed record RunningService(WebApplication App, ITestHarness Harness, ModelHost Host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
