using Kiln.Contracts;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiln.Api.Ping;

/// <summary>GET /api/ping: a real round trip over RabbitMQ to an inference instance.</summary>
public static class PingApi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapPingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/ping", SendPing);
        return api;
    }

    private static async Task<Results<Ok<Pong>, ProblemHttpResult>> SendPing(
        IRequestClient<Contracts.Ping> client, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetResponse<Pong>(
                new Contracts.Ping(Guid.NewGuid(), time.GetUtcNow()), cancellationToken, RequestTimeout.After(s: (int)Timeout.TotalSeconds));
            return TypedResults.Ok(response.Message);
        }
        catch (RequestTimeoutException)
        {
            return TypedResults.Problem(
                $"No inference instance answered within {Timeout.TotalSeconds:0} s.",
                statusCode: StatusCodes.Status504GatewayTimeout, title: "Inference unreachable");
        }
    }
}
