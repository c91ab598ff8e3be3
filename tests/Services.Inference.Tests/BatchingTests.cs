using Kiln.Contracts;
using Kiln.Inference.Generation;
using Kiln.Inference.Llama;

namespace Kiln.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class BatchingTests(TinyModelFixture model)
{
    private static readonly string[] Prompts =
    [
        "Once upon a time",
        "The little girl named Lily loved to play in the park with her friends",
        "Tom",
        "What is the answer? Tell a story about a big red ball and a happy dog",
        "Hello world",
        "She went home",
    ];

    // llama.cpp's CPU kernels round differently by batch shape (one row vs tinyBLAS tiles, tiled flash attention
    // from a number of queries up), so a long generation can flip a near-tie token when its neighbours change; with
    // flash attention off these requests stay bit-exact here. A scheduling bug (positions, sequence ids, logits rows,
    // KV cells, samplers) changes every text after a few tokens.
    [Fact]
    public async Task Concurrent_requests_produce_exactly_the_texts_they_produce_one_by_one()
    {
        await using var engine = model.Engine(slots: 4, queue: 8, flashAttention: LlamaFlashAttentionType.Disabled);
        GenerationRequest Request(int i) => TinyModelFixture.Prompt(Prompts[i], maxTokens: 40 + 7 * i, temperature: i % 2 == 0 ? 0 : 0.9f, seed: (uint)(100 + i));

        var oneByOne = new List<string>();
        for (var i = 0; i < Prompts.Length; i++) oneByOne.Add((await engine.GenerateAsync(Request(i))).Text);
        // Six requests on four slots: two wait in the queue and join the batch while the others are mid-generation.
        var together = await Task.WhenAll(Enumerable.Range(0, Prompts.Length).Select(i => engine.GenerateAsync(Request(i))));

        Assert.Equal(oneByOne, together.Select(r => r.Text));
        Assert.Contains(together, r => r.Timings.QueueWaitMs > 0);
    }

    [Fact]
    public async Task Cancelling_a_running_request_ends_it_as_cancelled_and_frees_its_slot()
    {
        await using var engine = model.Engine(slots: 1, queue: 0, context: 4096);
        var sink = new CollectingSink();
        using var cancel = new CancellationTokenSource();
        var running = engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", maxTokens: 4000, stream: sink), cancel.Token);
        await sink.FirstText;

        await cancel.CancelAsync();
        var result = await running;

        Assert.Equal(FinishReason.Cancelled, result.FinishReason);
        Assert.InRange(result.Usage.CompletionTokens, 1, 3999);
        Assert.Equal(sink.Text, result.Text);
        Assert.Equal(0, engine.Status.BusySlots);
        var next = await engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", maxTokens: 5));
        Assert.Equal(FinishReason.Length, next.FinishReason);
    }

    [Fact]
    public async Task A_request_cancelled_while_queued_ends_at_once_without_tokens()
    {
        await using var engine = model.Engine(slots: 1, queue: 1, context: 4096);
        var sink = new CollectingSink();
        using var stopFirst = new CancellationTokenSource();
        var first = engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", maxTokens: 4000, stream: sink), stopFirst.Token);
        await sink.FirstText;
        using var cancelQueued = new CancellationTokenSource();
        var queued = engine.GenerateAsync(TinyModelFixture.Prompt("Hello"), cancelQueued.Token);
        Assert.Equal(1, engine.Status.QueueDepth);

        await cancelQueued.CancelAsync();
        var result = await queued;

        Assert.Equal(FinishReason.Cancelled, result.FinishReason);
        Assert.Equal(0, result.Usage.CompletionTokens);
        Assert.Equal(0, engine.Status.QueueDepth);
        Assert.False(first.IsCompleted);
        await stopFirst.CancelAsync();
        await first;
    }

    [Fact]
    public async Task Requests_beyond_the_slots_and_the_queue_are_refused_as_overloaded()
    {
        await using var engine = model.Engine(slots: 1, queue: 1, context: 4096);
        using var cancel = new CancellationTokenSource();
        var sink = new CollectingSink();
        var running = engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", maxTokens: 4000, stream: sink), cancel.Token);
        await sink.FirstText;
        var waiting = engine.GenerateAsync(TinyModelFixture.Prompt("Hello", maxTokens: 3), cancel.Token);

        var refused = await Assert.ThrowsAsync<GenerationException>(() => engine.GenerateAsync(TinyModelFixture.Prompt("One too many")));

        Assert.Equal(GenerationFailureKind.Overloaded, refused.Kind);
        Assert.Equal(new EngineStatus(1, 1, 1, 1), engine.Status);
        await cancel.CancelAsync();
        await Task.WhenAll(running, waiting);
    }

    [Fact]
    public async Task Draining_lets_short_requests_finish_and_cancels_what_outlives_the_timeout()
    {
        var engine = model.Engine(slots: 2, queue: 2, context: 4096);
        var sink = new CollectingSink();
        var endless = engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", maxTokens: 4000, stream: sink));
        var quick = engine.GenerateAsync(TinyModelFixture.Prompt("Hello", maxTokens: 5));
        await sink.FirstText;

        await engine.DrainAsync(TimeSpan.FromMilliseconds(300));

        Assert.Equal(FinishReason.Length, (await quick).FinishReason);
        Assert.Equal(FinishReason.Cancelled, (await endless).FinishReason);
        var refused = await Assert.ThrowsAsync<GenerationException>(() => engine.GenerateAsync(TinyModelFixture.Prompt("late")));
        Assert.Equal(GenerationFailureKind.Transient, refused.Kind);
        await engine.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.GenerateAsync(TinyModelFixture.Prompt("after")));
    }
}
