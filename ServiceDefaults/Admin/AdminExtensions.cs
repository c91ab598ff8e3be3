using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.ServiceDefaults.Admin;

/// <summary>Admin token registration and the endpoint filter that requires it.</summary>
public static class AdminExtensions
{
    internal static WebApplicationBuilder AddAdminToken(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        builder.Services.AddSingleton<AdminTokenFilter>();
        return builder;
    }

    /// <summary>Requires the operator token (<c>Admin__Token</c>) on these endpoints.</summary>
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminTokenFilter>();
}
