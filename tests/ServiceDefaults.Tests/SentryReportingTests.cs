using System.IO.Compression;
using System.Net;
using System.Text;

namespace Kiln.ServiceDefaults.Tests;

/// <summary>A local HTTP endpoint plays the Sentry ingest server; the host reports an unhandled exception to it.</summary>
public sealed class SentryReportingTests : IAsyncLifetime
{
    private readonly HttpListener _ingest = new();
    private readonly List<string> _envelopes = [];
    private TestHostProcess _host = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = TestHostProcess.FreePort();
        _ingest.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _ingest.Start();
        _ = Task.Run(ReceiveAsync);
        _host = await TestHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["SENTRY_DSN"] = $"http://publickey@127.0.0.1:{_port}/42",
        });
    }

    private async Task ReceiveAsync()
    {
        while (_ingest.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _ingest.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Stream body = context.Request.InputStream;
            if (context.Request.Headers["Content-Encoding"] == "gzip") body = new GZipStream(body, CompressionMode.Decompress);
            using var reader = new StreamReader(body, Encoding.UTF8);
            var text = $"{context.Request.Url!.AbsolutePath}\n{await reader.ReadToEndAsync()}";
            lock (_envelopes) _envelopes.Add(text);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _ingest.Close();
    }

    [Fact]
    public async Task An_unhandled_exception_arrives_scrubbed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/boom?api_key=planted-query-key");
        request.Headers.TryAddWithoutValidation("Cookie", "sid=planted-cookie-sentry");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer planted-bearer-sentry");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.77");
        using var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);

        var envelope = await WaitForEnvelopeAsync("Boom for the Sentry test");
        Assert.Contains("/api/42/envelope/", envelope);
        Assert.Contains("\"environment\":\"production\"", envelope);
        Assert.Contains("\"release\":\"ServiceDefaults.TestHost@", envelope);
        foreach (var leaked in new[] { "planted-cookie-sentry", "planted-bearer-sentry", "planted-query-key", "203.0.113.77", "\"os\":", "\"device\":", "\"server_name\"" })
        {
            Assert.DoesNotContain(leaked, envelope);
        }
    }

    private async Task<string> WaitForEnvelopeAsync(string marker)
    {
        for (var i = 0; i < 200; i++)
        {
            lock (_envelopes)
            {
                var found = _envelopes.FirstOrDefault(e => e.Contains(marker, StringComparison.Ordinal));
                if (found is not null) return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"no Sentry envelope with '{marker}'; received {_envelopes.Count}");
    }
}
