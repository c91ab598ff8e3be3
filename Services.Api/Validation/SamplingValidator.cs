using Kiln.Api.Errors;
using Kiln.Api.Generation;
using Kiln.Contracts;

namespace Kiln.Api.Validation;

/// <summary>Range checks shared by chat and text completions; each error names its field.</summary>
public static class SamplingValidator
{
    public static OpenAiErrorResult? Check(SamplingFields body, ApiOptions limits)
    {
        if (string.IsNullOrWhiteSpace(body.Model)) return Missing("model");
        if (body.N is { } n && n != 1)
            return OpenAiErrors.InvalidRequest("Only one choice per request is supported: 'n' must be 1.", "n", "unsupported_value");
        if (body.RequestedMaxTokens is < 1) return OutOfRange(body.MaxTokensParam, "at least 1");
        if (OutOf(body.Temperature, 0, 2)) return OutOfRange("temperature", "between 0 and 2");
        if (OutOf(body.TopP, 0, 1)) return OutOfRange("top_p", "between 0 and 1");
        if (body.TopK is < 0) return OutOfRange("top_k", "0 or more");
        if (OutOf(body.MinP, 0, 1)) return OutOfRange("min_p", "between 0 and 1");
        if (OutOf(body.PresencePenalty, -2, 2)) return OutOfRange("presence_penalty", "between -2 and 2");
        if (OutOf(body.FrequencyPenalty, -2, 2)) return OutOfRange("frequency_penalty", "between -2 and 2");
        if (OutOf(body.RepetitionPenalty, 0, 10) || body.RepetitionPenalty == 0) return OutOfRange("repetition_penalty", "above 0 and at most 10");
        if (body.Seed is < 0 or > uint.MaxValue) return OutOfRange("seed", $"between 0 and {uint.MaxValue}");
        if (body.Stop is { } stop)
        {
            if (stop.Count > limits.MaxStopSequences) return OutOfRange("stop", $"at most {limits.MaxStopSequences} sequences");
            if (stop.Any(s => s.Length is 0 or > 256)) return OutOfRange("stop", "sequences of 1 to 256 characters");
        }
        return null;
    }

    /// <summary><c>max_tokens</c> must leave room in the model's context.</summary>
    public static OpenAiErrorResult? CheckLength(SamplingFields body, ModelDescribed model) =>
        body.RequestedMaxTokens is { } max && max >= model.ContextLength
            ? OpenAiErrors.InvalidRequest(
                $"'{body.MaxTokensParam}' is {max}, but the model's context holds {model.ContextLength} tokens including the prompt.",
                body.MaxTokensParam, "context_length_exceeded")
            : null;

    public static SamplingParameters ToSampling(SamplingFields body) => new()
    {
        MaxTokens = body.RequestedMaxTokens,
        Temperature = (float?)body.Temperature,
        TopP = (float?)body.TopP,
        TopK = body.TopK,
        MinP = (float?)body.MinP,
        Seed = (uint?)body.Seed,
        Stop = body.Stop,
        RepetitionPenalty = (float?)body.RepetitionPenalty,
        FrequencyPenalty = (float?)body.FrequencyPenalty,
        PresencePenalty = (float?)body.PresencePenalty,
    };

    public static OpenAiErrorResult Missing(string field) =>
        OpenAiErrors.InvalidRequest($"'{field}' is required.", field, "missing_required_parameter");

    public static OpenAiErrorResult OutOfRange(string field, string allowed) =>
        OpenAiErrors.InvalidRequest($"'{field}' must be {allowed}.", field, "invalid_value");

    private static bool OutOf(double? value, double min, double max) => value is { } v && (double.IsNaN(v) || v < min || v > max);
}
