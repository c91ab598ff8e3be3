using Kiln.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.ServiceDefaults.RequestIds;

internal static class RequestIdExtensions
{
    public static WebApplicationBuilder AddRequestIds(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<RequestIdPropagationHandler>();
        builder.Services.AddTransient<IStartupFilter, EdgeMiddlewareStartupFilter>();
        return builder;
    }

    public static IHttpClientBuilder AddRequestIdPropagation(this IHttpClientBuilder http) =>
        http.AddHttpMessageHandler<RequestIdPropagationHandler>();
}
