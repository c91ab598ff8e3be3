namespace Kiln.Api.Models;

/// <summary>The served-model catalog.</summary>
public static class ModelsExtensions
{
    public static WebApplicationBuilder AddModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ModelCatalog>();
        return builder;
    }
}
