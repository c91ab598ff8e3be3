using Kiln.Api.Errors;
using Kiln.Api.Keys;
using Kiln.Contracts;

namespace Kiln.Api.Models;

/// <summary>The model a generation request names must be served, and allowed for the caller's key.</summary>
public static class ModelAccess
{
    public static async Task<(ModelDescribed? Model, OpenAiErrorResult? Error)> CheckAsync(ModelCatalog catalog, HttpContext context, string name)
    {
        if (await catalog.GetAsync(context.RequestAborted) is not { } model) return (null, ModelErrors.NoInference());
        if (!ModelCatalog.Serves(model, name))
            return (null, OpenAiErrors.InvalidRequest($"The model '{name}' does not exist; GET /v1/models lists the served models.", "model", "model_not_found"));
        if (context.GetApiCaller() is { } caller && !caller.MayUse(name))
            return (null, OpenAiErrors.Forbidden($"This API key may not use the model '{name}'.", "model", "model_not_allowed"));
        return (model, null);
    }
}
