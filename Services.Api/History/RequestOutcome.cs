namespace Kiln.Api.History;

/// <summary>
/// What one API request did, filled in by whoever knows a part (the endpoint: model, tokens, prompt and
/// answer; the error writer: error type) and read once the response is done (history row, metrics, events).
/// </summary>
public sealed class RequestOutcome
{
    public string? Model { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    /// <summary>The prompt as the client sent it (chat messages joined, or the completion prompt).</summary>
    public string? Prompt { get; set; }
    public string? Response { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorCode { get; set; }
    public string? FinishReason { get; set; }
}

/// <summary>Access to the request's <see cref="RequestOutcome"/>, created on first use.</summary>
public static class RequestOutcomeExtensions
{
    public static RequestOutcome GetRequestOutcome(this HttpContext context)
    {
        var outcome = context.Features.Get<RequestOutcome>();
        if (outcome is null)
        {
            outcome = new RequestOutcome();
            context.Features.Set(outcome);
        }
        return outcome;
    }
}
