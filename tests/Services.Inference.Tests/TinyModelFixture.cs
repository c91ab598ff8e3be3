using Kiln.Inference.Generation;
using Kiln.Inference.Llama;
using Kiln.TestModels;

namespace Kiln.Inference.Tests;

/// <summary>One generated tiny model per test run, and engines over it.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        Directory.CreateDirectory(Folder);
        TestModel.Write(ModelPath, TestModelShape.Tiny, TensorType.F32, seed: 7);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kiln-inference-tests-" + Guid.NewGuid().ToString("N"));

    public string ModelPath => Path.Combine(Folder, "tiny.gguf");

    public InferenceOptions Options(int slots = 4, int queue = 8, int context = 512, LlamaFlashAttentionType flashAttention = LlamaFlashAttentionType.Auto) => new()
    {
        FlashAttention = flashAttention,
        ModelPath = ModelPath,
        Slots = slots,
        QueueCapacity = queue,
        ContextSize = context,
        BatchSize = 64,
        // One thread: ggml's spinning barriers stall badly when parallel test runs oversubscribe two cores.
        Threads = 1,
        Backend = BackendPreference.Cpu,
    };

    public InferenceEngine Engine(int slots = 4, int queue = 8, int context = 512, LlamaFlashAttentionType flashAttention = LlamaFlashAttentionType.Auto) =>
        InferenceEngine.Create(Options(slots, queue, context, flashAttention));

    /// <summary>A raw-prompt request with the given sampling.</summary>
    public static GenerationRequest Prompt(string prompt, int maxTokens = 24, float temperature = 0, uint? seed = null, IReadOnlyList<string>? stop = null, IGeneratedTextSink? stream = null) => new()
    {
        Prompt = prompt,
        Sampling = new Contracts.SamplingParameters { MaxTokens = maxTokens, Temperature = temperature, Seed = seed, Stop = stop },
        Stream = stream,
    };

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
