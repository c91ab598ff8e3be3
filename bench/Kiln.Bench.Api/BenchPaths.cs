using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Kiln.Contracts;
using Kiln.Inference.Generation;
using Kiln.Inference.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Bench.Api;

/// <summary>The three ways to ask for one token: through the Api, over the bus, in-process.</summary>
internal sealed class BenchPaths
{
    private static readonly ChatMessage[] Messages = [new("user", "Once upon a time")];
    private static readonly SamplingParameters OneToken = new() { MaxTokens = 1, Temperature = 0 };

    public required (string Name, Func<Task> Run)[] All { get; init; }

    public static async Task<BenchPaths> CreateAsync(BenchSystem system)
    {
        var http = new HttpClient { BaseAddress = system.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateKeyAsync(system.ApiAddress));
        var body = $$"""{"model":"{{BenchSystem.ModelName}}","max_tokens":1,"temperature":0,"messages":[{"role":"user","content":"Once upon a time"}]}""";
        var bus = system.ApiServices.GetRequiredService<IClientFactory>()
            .CreateRequestClient<GenerateText>(new Uri($"queue:{QueueNames.Inference}"), RequestTimeout.After(s: 30));
        var engine = system.Inference.Services.GetRequiredService<ModelHost>().Engine!;

        return new BenchPaths
        {
            All =
            [
                ("api (HTTP)", async () =>
                {
                    using var response = await http.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"Api answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    await response.Content.ReadAsByteArrayAsync();
                }),
                ("bus (MassTransit)", async () =>
                {
                    var response = await bus.GetResponse<TextGenerated, GenerationFailed>(new GenerateText
                    {
                        RequestId = Guid.NewGuid(), Model = BenchSystem.ModelName, Messages = Messages, Sampling = OneToken,
                    });
                    if (!response.Is(out Response<TextGenerated>? _)) throw new InvalidOperationException("inference refused the request");
                }),
                ("engine (in-process)", async () =>
                {
                    await engine.GenerateAsync(new GenerationRequest { Messages = Messages, Sampling = OneToken });
                }),
            ],
        };
    }

    /// <summary>A key with limits far above the bench's rate, created once the Api's schema is migrated.</summary>
    private static async Task<string> CreateKeyAsync(Uri api)
    {
        using var admin = new HttpClient { BaseAddress = api };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchSystem.AdminToken);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await admin.PostAsJsonAsync("admin/keys",
                new { name = "bench", requests_per_minute = 10_000_000, tokens_per_minute = 1_000_000_000 });
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<CreatedKeyBody>())!.key;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the Api did not create a key within 30 s");
    }

    private sealed record CreatedKeyBody(string key);
}
