using Kiln.Api.Errors;
using Kiln.Api.Generation;
using Kiln.Api.Validation;
using Kiln.Contracts;

namespace Kiln.Api.Chat;

/// <summary>
/// Checks a chat request's shape and limits. Message text is content, never a threat: it is only measured,
/// never inspected for SQL or markup.
/// </summary>
public static class ChatRequestValidator
{
    /// <summary>Roles served; "developer" is OpenAI's newer name for "system".</summary>
    private static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        ["system"] = "system",
        ["developer"] = "system",
        ["user"] = "user",
        ["assistant"] = "assistant",
        ["tool"] = "tool",
    };

    public static OpenAiErrorResult? Check(ChatCompletionRequest body, ApiOptions limits, out List<ChatMessage> messages)
    {
        messages = [];
        if (SamplingValidator.Check(body, limits) is { } sampling) return sampling;
        if (body.Messages is null) return SamplingValidator.Missing("messages");
        if (body.Messages.Count == 0)
            return OpenAiErrors.InvalidRequest("'messages' must hold at least one message.", "messages", "invalid_value");
        if (body.Messages.Count > limits.MaxMessages)
            return SamplingValidator.OutOfRange("messages", $"at most {limits.MaxMessages} messages");

        for (var i = 0; i < body.Messages.Count; i++)
        {
            var field = $"messages[{i}]";
            if (body.Messages[i] is not { } message)
                return OpenAiErrors.InvalidRequest($"'{field}' must be an object.", field, "invalid_type");
            if (message.Role is null) return SamplingValidator.Missing($"{field}.role");
            if (!Roles.TryGetValue(message.Role, out var role))
                return OpenAiErrors.InvalidRequest(
                    $"'{message.Role}' is not a supported role; use one of system, developer, user, assistant, tool.", $"{field}.role", "invalid_value");
            if (message.Content is null) return SamplingValidator.Missing($"{field}.content");
            if (message.Content.Length > limits.MaxContentChars)
                return SamplingValidator.OutOfRange($"{field}.content", $"at most {limits.MaxContentChars} characters");
            messages.Add(new ChatMessage(role, message.Content));
        }
        return null;
    }
}
