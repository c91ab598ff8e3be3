using Kiln.Api.Errors;
using Kiln.Contracts;

namespace Kiln.Api.Generation;

/// <summary>The OpenAI error for each way a generation can fail.</summary>
public static class GenerationErrors
{
    public static OpenAiErrorResult For(GenerationFailed failure, string promptParam) => failure.Kind switch
    {
        GenerationFailureKind.Overloaded => OpenAiErrors.Unavailable(
            "Inference is overloaded; try again shortly.", TimeSpan.FromSeconds(1), "overloaded"),
        GenerationFailureKind.Invalid => OpenAiErrors.InvalidRequest(failure.Message, promptParam, "invalid_request"),
        GenerationFailureKind.Model => OpenAiErrors.Internal("The model failed to generate text."),
        _ => OpenAiErrors.Unavailable("Inference is unavailable right now; try again shortly.", TimeSpan.FromSeconds(2), "inference_unavailable"),
    };

    public static OpenAiErrorResult Deadline(TimeSpan timeout) =>
        OpenAiErrors.DeadlineExceeded($"The request did not finish within its deadline of {timeout.TotalSeconds:0.###} s.");
}
