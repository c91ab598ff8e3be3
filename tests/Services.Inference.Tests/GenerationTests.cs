using Kiln.Contracts;
using Kiln.Inference.Generation;

namespace Kiln.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class GenerationTests(TinyModelFixture model)
{
    [Fact]
    public async Task Same_seed_gives_the_same_text_and_another_seed_another_text()
    {
        await using var engine = model.Engine();
        var first = await engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", 32, temperature: 0.9f, seed: 42));
        var again = await engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", 32, temperature: 0.9f, seed: 42));
        var other = await engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", 32, temperature: 0.9f, seed: 43));

        Assert.Equal(first.Text, again.Text);
        Assert.NotEqual(first.Text, other.Text);
        Assert.Equal(32, first.Usage.CompletionTokens);
    }

    [Fact]
    public async Task Greedy_decoding_is_deterministic_and_ignores_the_seed()
    {
        await using var engine = model.Engine();
        var first = await engine.GenerateAsync(TinyModelFixture.Prompt("The little dog", 32, temperature: 0, seed: 1));
        var second = await engine.GenerateAsync(TinyModelFixture.Prompt("The little dog", 32, temperature: 0, seed: 99));

        Assert.Equal(first.Text, second.Text);
        Assert.False(string.IsNullOrWhiteSpace(first.Text));
    }

    [Fact]
    public async Task Max_tokens_bounds_the_completion_and_finishes_with_length()
    {
        await using var engine = model.Engine();
        var result = await engine.GenerateAsync(TinyModelFixture.Prompt("Hello world", maxTokens: 7));

        Assert.Equal(7, result.Usage.CompletionTokens);
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(engine.CountTokens("Hello world"), result.Usage.PromptTokens);
    }

    [Fact]
    public async Task The_end_of_sequence_token_ends_the_text_with_stop_unless_ignored_and_is_not_emitted()
    {
        var path = Path.Combine(model.Folder, "ends.gguf");
        TestModels.TestModel.Write(path, TestModels.TestModelShape.Tiny, seed: 11, endOfSequenceWeight: 4f);
        var options = model.Options();
        options.ModelPath = path;
        await using var engine = InferenceEngine.Create(options);

        var result = await engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", maxTokens: 400));

        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.InRange(result.Usage.CompletionTokens, 0, 399);
        Assert.DoesNotContain("</s>", result.Text, StringComparison.Ordinal);

        // ignore_eos: the same request runs to max_tokens, and up to where the first text ended it says the same.
        var ignoring = await engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time", maxTokens: 400) with { IgnoreEndOfGeneration = true });
        Assert.Equal(FinishReason.Length, ignoring.FinishReason);
        Assert.Equal(400, ignoring.Usage.CompletionTokens);
        Assert.StartsWith(result.Text, ignoring.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_sequence_ends_the_text_before_it_and_is_not_emitted()
    {
        await using var engine = model.Engine();
        var free = await engine.GenerateAsync(TinyModelFixture.Prompt("She saw a big red ball", 48));
        // A stop sequence taken from the middle of what the model says anyway.
        var stop = free.Text.Substring(free.Text.Length / 2, 3);
        var expected = free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)];
        var sink = new CollectingSink();

        var stopped = await engine.GenerateAsync(TinyModelFixture.Prompt("She saw a big red ball", 48, stop: ["never appears", stop], stream: sink));

        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(expected, stopped.Text);
        Assert.Equal(expected, sink.Text);
        Assert.DoesNotContain(stop, sink.Text, StringComparison.Ordinal);
        Assert.True(stopped.Usage.CompletionTokens < 48);
    }

    [Fact]
    public async Task Streamed_pieces_concatenate_to_the_final_text()
    {
        await using var engine = model.Engine();
        var sink = new CollectingSink();
        var streamed = await engine.GenerateAsync(TinyModelFixture.Prompt("Tom and Sue went home", 40, temperature: 0.8f, seed: 5, stream: sink));
        var plain = await engine.GenerateAsync(TinyModelFixture.Prompt("Tom and Sue went home", 40, temperature: 0.8f, seed: 5));

        Assert.Equal(streamed.Text, sink.Text);
        Assert.Equal(plain.Text, sink.Text);
        Assert.True(sink.Pieces.Count > 10, $"expected a piece per token or so, got {sink.Pieces.Count}");
    }

    [Fact]
    public async Task Chat_messages_without_a_model_template_use_the_plain_transcript()
    {
        await using var engine = model.Engine();
        var messages = new[] { new ChatMessage("system", "Be brief."), new ChatMessage("user", "Tell a story.") };
        var chat = await engine.GenerateAsync(new GenerationRequest { Messages = messages, Sampling = new SamplingParameters { Temperature = 0, MaxTokens = 16 } });
        var transcript = await engine.GenerateAsync(TinyModelFixture.Prompt("System: Be brief.\n\nUser: Tell a story.\n\nAssistant:", 16));

        Assert.Equal("fallback", engine.Model.ChatTemplate);
        Assert.Equal(transcript.Text, chat.Text);
        Assert.Equal(transcript.Usage.PromptTokens, chat.Usage.PromptTokens);
    }

    [Fact]
    public async Task Timings_and_counts_describe_the_request()
    {
        await using var engine = model.Engine();
        var result = await engine.GenerateAsync(TinyModelFixture.Prompt("Once upon a time there was a little girl", 20));

        Assert.True(result.Timings.QueueWaitMs >= 0);
        Assert.True(result.Timings.PromptEvalMs > 0);
        Assert.True(result.Timings.GenerationMs > 0);
        Assert.True(result.Timings.PromptTokensPerSecond > 0);
        Assert.True(result.Timings.GenerationTokensPerSecond > 0);
        Assert.Equal(result.Usage.PromptTokens + 20, result.Usage.TotalTokens);
        Assert.False(result.Gpu.Available);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_invalid()
    {
        await using var engine = model.Engine(context: 256);
        var longPrompt = string.Join(' ', Enumerable.Repeat("once upon a time", 200));

        var error = await Assert.ThrowsAsync<GenerationException>(() => engine.GenerateAsync(TinyModelFixture.Prompt(longPrompt)));

        Assert.Equal(GenerationFailureKind.Invalid, error.Kind);
        Assert.Contains("256 tokens per request", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.5f, null, "temperature")]
    [InlineData(null, 0f, "top_p")]
    public async Task Impossible_sampling_values_are_invalid(float? temperature, float? topP, string named)
    {
        await using var engine = model.Engine();
        var request = new GenerationRequest { Prompt = "hi", Sampling = new SamplingParameters { Temperature = temperature, TopP = topP } };

        var error = await Assert.ThrowsAsync<GenerationException>(() => engine.GenerateAsync(request));

        Assert.Equal(GenerationFailureKind.Invalid, error.Kind);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Penalties_top_k_top_p_and_min_p_shape_sampling()
    {
        await using var engine = model.Engine();
        var sampling = new SamplingParameters { Temperature = 1f, Seed = 9, MaxTokens = 32, TopK = 5, TopP = 0.9f, MinP = 0.1f, RepetitionPenalty = 1.3f, FrequencyPenalty = 0.5f, PresencePenalty = 0.5f };
        var penalised = await engine.GenerateAsync(new GenerationRequest { Prompt = "The cat", Sampling = sampling });
        var again = await engine.GenerateAsync(new GenerationRequest { Prompt = "The cat", Sampling = sampling });
        var greedy = await engine.GenerateAsync(TinyModelFixture.Prompt("The cat", 32));

        Assert.Equal(penalised.Text, again.Text);
        Assert.NotEqual(greedy.Text, penalised.Text);
    }
}
