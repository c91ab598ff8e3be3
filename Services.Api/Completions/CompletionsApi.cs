using Kiln.Api.Errors;
using Kiln.Api.Generation;
using Kiln.Api.History;
using Kiln.Api.Keys;
using Kiln.Api.Models;
using Kiln.Api.Validation;
using Kiln.Contracts;
using Microsoft.Extensions.Options;

namespace Kiln.Api.Completions;

/// <summary>POST /v1/completions: a raw prompt, one JSON answer or Server-Sent Events.</summary>
public static class CompletionsApi
{
    public static RouteHandlerBuilder MapCompletionsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/completions", CreateCompletion).WithTags("Completions").Accepts<CompletionRequest>("application/json");

    private static async Task<IResult> CreateCompletion(
        HttpContext context, GenerationRunner runner, ModelCatalog catalog, IOptions<ApiOptions> options, TimeProvider time)
    {
        var limits = options.Value;
        var (body, unreadable) = await JsonBody.ReadAsync<CompletionRequest>(context, limits.MaxRequestBodyBytes);
        if (unreadable is not null) return unreadable;
        if (Check(body!, limits) is { } invalid) return invalid;
        var (model, refused) = await ModelAccess.CheckAsync(catalog, context, body!.Model!);
        if (refused is not null) return refused;
        if (SamplingValidator.CheckLength(body, model!) is { } tooLong) return tooLong;

        var prompt = body.Prompt![0];
        var requestId = runner.RequestIdFor(context);
        context.GetRequestOutcome().Prompt = prompt;
        var message = new GenerateText
        {
            RequestId = requestId,
            KeyId = context.GetApiCaller()?.KeyId,
            Model = model!.Name,
            Prompt = prompt,
            Sampling = SamplingValidator.ToSampling(body),
            Stream = body.Stream == true,
            Deadline = runner.DeadlineFromNow(),
        };
        var estimate = prompt.Length / 4 + (body.RequestedMaxTokens ?? 256);
        var format = new CompletionFormat($"cmpl-{requestId:N}", time.GetUtcNow().ToUnixTimeSeconds(), model.Name);
        return await runner.RunAsync(context, message, estimate, format, body.StreamOptions?.IncludeUsage == true);
    }

    private static OpenAiErrorResult? Check(CompletionRequest body, ApiOptions limits)
    {
        if (SamplingValidator.Check(body, limits) is { } sampling) return sampling;
        if (body.Prompt is null) return SamplingValidator.Missing("prompt");
        if (body.Prompt.Count != 1)
            return OpenAiErrors.InvalidRequest("Exactly one prompt per request is supported.", "prompt", "unsupported_value");
        if (body.Prompt[0].Length > limits.MaxContentChars)
            return SamplingValidator.OutOfRange("prompt", $"at most {limits.MaxContentChars} characters");
        return null;
    }
}
