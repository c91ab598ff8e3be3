using Scalar.AspNetCore;

namespace Kiln.Api.Docs;

/// <summary>The OpenAPI document (/openapi/v1.json) and the Scalar reference UI (/scalar), in Development only.</summary>
public static class DocsExtensions
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
