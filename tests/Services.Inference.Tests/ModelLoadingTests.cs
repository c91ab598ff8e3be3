using Kiln.Inference.Generation;
using Kiln.Inference.Llama;
using Kiln.TestModels;

namespace Kiln.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class ModelLoadingTests(TinyModelFixture model)
{
    [Fact]
    public void A_missing_model_file_is_named_in_the_error()
    {
        var path = Path.Combine(model.Folder, "absent.gguf");

        var error = Assert.Throws<LlamaLoadException>(() => InferenceEngine.Create(WithPath(path)));

        Assert.Contains("Model file not found", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_gguf_is_refused_before_llama_cpp_sees_it()
    {
        var path = Path.Combine(model.Folder, "notes.gguf");
        File.WriteAllText(path, "these are not the weights you are looking for");

        var error = Assert.Throws<LlamaLoadException>(() => InferenceEngine.Create(WithPath(path)));

        Assert.Contains("not a GGUF model file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_model_gives_llama_cpp_s_reason()
    {
        var path = Path.Combine(model.Folder, "truncated.gguf");
        var bytes = File.ReadAllBytes(model.ModelPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<LlamaLoadException>(() => InferenceEngine.Create(WithPath(path)));

        Assert.StartsWith($"llama.cpp could not load {path}:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no reason logged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_configured_path_says_which_setting_to_set()
    {
        var error = Assert.Throws<LlamaLoadException>(() => InferenceEngine.Create(WithPath("")));

        Assert.Contains("Inference:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TensorType.F32, "F32")]
    [InlineData(TensorType.F16, "F16")]
    [InlineData(TensorType.Q8_0, "Q8_0")]
    public async Task Generated_models_load_with_their_metadata(TensorType type, string fileType)
    {
        var path = Path.Combine(model.Folder, $"described-{type}.gguf");
        TestModel.Write(path, TestModelShape.Tiny, type, seed: 3, name: "described");

        await using var engine = InferenceEngine.Create(WithPath(path));
        var result = await engine.GenerateAsync(TinyModelFixture.Prompt("Hello", 4));

        var description = engine.Model;
        Assert.Equal("described", description.Name);
        Assert.Equal("llama", description.Architecture);
        Assert.Equal(fileType, description.FileType);
        Assert.Equal(2048, description.TrainedContextLength);
        Assert.Equal(TestModelShape.Tiny.BlockCount, description.LayerCount);
        Assert.Equal((ulong)TestModelShape.Tiny.ParameterCount(description.VocabularySize), description.ParameterCount);
        Assert.True(description.SizeBytes > 0);
        Assert.Equal("cpu", engine.Backend.Name);
        Assert.Equal(0, engine.Backend.LayersOffloaded);
        Assert.Equal(4, result.Usage.CompletionTokens);
    }

    private InferenceOptions WithPath(string path)
    {
        var options = model.Options();
        options.ModelPath = path;
        return options;
    }
}
