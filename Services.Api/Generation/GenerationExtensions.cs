namespace Kiln.Api.Generation;

/// <summary>The generation pipeline shared by chat and text completions.</summary>
public static class GenerationExtensions
{
    public static WebApplicationBuilder AddGeneration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<InferenceClient>();
        builder.Services.AddSingleton<GenerationRunner>();
        builder.Services.AddSingleton<StreamRouter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StreamRouter>());
        return builder;
    }
}
