using Kiln.ServiceDefaults.RequestIds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Kiln.ServiceDefaults.Security;

/// <summary>Puts the middleware every response needs at the very front of each service's pipeline.</summary>
internal sealed class EdgeMiddlewareStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        next(app);
    };
}
