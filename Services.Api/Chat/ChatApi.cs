using Kiln.Api.Generation;
using Kiln.Api.History;
using Kiln.Api.Keys;
using Kiln.Api.Models;
using Kiln.Api.Validation;
using Kiln.Contracts;
using Microsoft.Extensions.Options;

namespace Kiln.Api.Chat;

/// <summary>POST /v1/chat/completions: one JSON answer, or Server-Sent Events with <c>stream: true</c>.</summary>
public static class ChatApi
{
    public static RouteHandlerBuilder MapChatApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/chat/completions", CreateChatCompletion).WithTags("Chat").Accepts<ChatCompletionRequest>("application/json");

    private static async Task<IResult> CreateChatCompletion(
        HttpContext context, GenerationRunner runner, ModelCatalog catalog, IOptions<ApiOptions> options, TimeProvider time)
    {
        var limits = options.Value;
        var (body, unreadable) = await JsonBody.ReadAsync<ChatCompletionRequest>(context, limits.MaxRequestBodyBytes);
        if (unreadable is not null) return unreadable;
        if (ChatRequestValidator.Check(body!, limits, out var messages) is { } invalid) return invalid;
        var (model, refused) = await ModelAccess.CheckAsync(catalog, context, body!.Model!);
        if (refused is not null) return refused;
        if (SamplingValidator.CheckLength(body, model!) is { } tooLong) return tooLong;

        var requestId = runner.RequestIdFor(context);
        var outcome = context.GetRequestOutcome();
        outcome.Prompt = string.Join('\n', messages.Select(m => $"{m.Role}: {m.Content}"));
        var message = new GenerateText
        {
            RequestId = requestId,
            KeyId = context.GetApiCaller()?.KeyId,
            Model = model!.Name,
            Messages = messages,
            Sampling = SamplingValidator.ToSampling(body),
            Stream = body.Stream == true,
            Deadline = runner.DeadlineFromNow(),
        };
        var estimate = outcome.Prompt.Length / 4 + (body.RequestedMaxTokens ?? 256);
        var format = new ChatFormat($"chatcmpl-{requestId:N}", time.GetUtcNow().ToUnixTimeSeconds(), model.Name);
        return await runner.RunAsync(context, message, estimate, format, body.StreamOptions?.IncludeUsage == true);
    }
}
