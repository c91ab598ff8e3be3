using Kiln.Api.Errors;
using Kiln.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiln.Api.Models;

/// <summary>GET /v1/models and /v1/models/{id}: the served model with its metadata, in OpenAI's shape.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/models").WithTags("Models");
        models.MapGet("/", ListModels);
        models.MapGet("/{id}", GetModel);
        return models;
    }

    private static async Task<Results<Ok<ModelList>, OpenAiErrorResult>> ListModels(ModelCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.GetAsync(cancellationToken) is { } model
            ? TypedResults.Ok(new ModelList([ModelEntry.From(model)]))
            : ModelErrors.NoInference();

    private static async Task<Results<Ok<ModelEntry>, OpenAiErrorResult>> GetModel(string id, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.GetAsync(cancellationToken) is not { } model) return ModelErrors.NoInference();
        return ModelCatalog.Serves(model, id) ? TypedResults.Ok(ModelEntry.From(model)) : ModelErrors.Unknown(id);
    }
}

/// <summary>The model errors shared by the endpoints that take a model name.</summary>
public static class ModelErrors
{
    public static OpenAiErrorResult NoInference() =>
        OpenAiErrors.Unavailable("No inference instance is available right now.", TimeSpan.FromSeconds(5), "inference_unavailable");

    public static OpenAiErrorResult Unknown(string id) =>
        OpenAiErrors.NotFound($"The model '{id}' does not exist.", "model", "model_not_found");
}
