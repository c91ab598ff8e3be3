using Kiln.Contracts;
using Kiln.Inference.Generation;
using Kiln.Inference.Llama;
using Kiln.TestModels;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class ChatTemplateTests
{
    private readonly TinyModelFixture _model;

    private const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    private static readonly ChatMessage[] Conversation = [new("system", "Be brief."), new("user", "Hi!")];

    public ChatTemplateTests(TinyModelFixture model)
    {
        _model = model;
        // The template engine is native code: llama.cpp must be loaded even when no engine is.
        LlamaLibrary.Load(BackendPreference.Cpu, NullLogger.Instance);
    }

    [Fact]
    public void The_model_s_own_template_formats_the_messages()
    {
        var prompts = new PromptFormatter(configuredTemplate: null, modelTemplate: ChatMlTemplate);

        var prompt = prompts.Format(new GenerationRequest { Messages = Conversation });

        Assert.Equal("model", prompts.TemplateSource);
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void A_configured_template_name_overrides_the_model_s()
    {
        var prompts = new PromptFormatter(configuredTemplate: "llama2", modelTemplate: ChatMlTemplate);

        var prompt = prompts.Format(new GenerationRequest { Messages = Conversation });

        Assert.Equal("configured", prompts.TemplateSource);
        Assert.StartsWith("[INST]", prompt.TrimStart("<s>".ToCharArray()).TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_llama_cpp_does_not_know_falls_back_to_the_transcript()
    {
        var prompts = new PromptFormatter(configuredTemplate: null, modelTemplate: "{{ messages | my_own_filter }}");

        var prompt = prompts.Format(new GenerationRequest { Messages = Conversation });

        Assert.True(prompts.UnsupportedTemplate);
        Assert.Equal("fallback", prompts.TemplateSource);
        Assert.Equal("System: Be brief.\n\nUser: Hi!\n\nAssistant:", prompt);
    }

    [Fact]
    public async Task A_model_with_a_chat_template_in_its_gguf_uses_it()
    {
        var path = Path.Combine(_model.Folder, "chat.gguf");
        TestModel.Write(path, TestModelShape.Tiny, TensorType.F16, seed: 5, chatTemplate: ChatMlTemplate);
        var options = _model.Options();
        options.ModelPath = path;
        await using var engine = InferenceEngine.Create(options);

        var chat = await engine.GenerateAsync(new GenerationRequest { Messages = Conversation, Sampling = new SamplingParameters { Temperature = 0, MaxTokens = 8 } });
        var raw = await engine.GenerateAsync(TinyModelFixture.Prompt("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n", 8));

        Assert.Equal("model", engine.Model.ChatTemplate);
        Assert.Equal(raw.Text, chat.Text);
    }

    [Fact]
    public void Neither_or_both_of_prompt_and_messages_is_invalid()
    {
        var prompts = new PromptFormatter(null, null);

        Assert.Equal(GenerationFailureKind.Invalid, Assert.Throws<GenerationException>(() => prompts.Format(new GenerationRequest())).Kind);
        Assert.Equal(GenerationFailureKind.Invalid, Assert.Throws<GenerationException>(() => prompts.Format(new GenerationRequest { Prompt = "a", Messages = Conversation })).Kind);
    }
}
