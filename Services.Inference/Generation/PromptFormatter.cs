using System.Text;
using Kiln.Contracts;
using Kiln.Inference.Llama;

namespace Kiln.Inference.Generation;

/// <summary>
/// Turns chat messages into the prompt text: the configured template, else the model's own, else (no template,
/// or one llama.cpp does not know) a plain "Role: content" transcript ending with "Assistant:".
/// </summary>
internal sealed class PromptFormatter
{
    private readonly string? _template;

    public PromptFormatter(string? configuredTemplate, string? modelTemplate)
    {
        _template = string.IsNullOrWhiteSpace(configuredTemplate) ? modelTemplate : configuredTemplate;
        if (_template is not null && LlamaChatTemplate.Apply(_template, [("user", "hi")], addAssistant: true) is null)
        {
            UnsupportedTemplate = true;
            _template = null;
        }
        TemplateSource = _template is null ? "fallback" : string.IsNullOrWhiteSpace(configuredTemplate) ? "model" : "configured";
    }

    /// <summary>"model", "configured" or "fallback".</summary>
    public string TemplateSource { get; }

    /// <summary>The model (or configuration) named a template llama.cpp cannot apply, so the fallback is used.</summary>
    public bool UnsupportedTemplate { get; }

    public string Format(GenerationRequest request)
    {
        if (request.Prompt is not null && request.Messages is not null)
            throw new GenerationException(GenerationFailureKind.Invalid, "Give either a prompt or chat messages, not both.");
        if (request.Prompt is not null) return request.Prompt;
        if (request.Messages is not { Count: > 0 } messages)
            throw new GenerationException(GenerationFailureKind.Invalid, "Give a prompt or at least one chat message.");

        var pairs = messages.Select(m => (m.Role, m.Content)).ToList();
        return _template is not null
            ? LlamaChatTemplate.Apply(_template, pairs, addAssistant: true) ?? Transcript(messages)
            : Transcript(messages);
    }

    /// <summary>The fallback format for models without a usable chat template.</summary>
    public static string Transcript(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            var role = message.Role.Length == 0 ? "User" : char.ToUpperInvariant(message.Role[0]) + message.Role[1..];
            text.Append(role).Append(": ").Append(message.Content.Trim()).Append("\n\n");
        }
        return text.Append("Assistant:").ToString();
    }
}
