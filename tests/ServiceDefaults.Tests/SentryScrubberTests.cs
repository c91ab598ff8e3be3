using Kiln.ServiceDefaults.ErrorReporting;
using Kiln.ServiceDefaults.Logging;
using Sentry;
using Sentry.Protocol;

namespace Kiln.ServiceDefaults.Tests;

public class SentryScrubberTests
{
    private readonly SentryScrubber _scrubber = new(new LogRedactor(["planted-admin-token"]));

    private static SentryEvent EventWithEverything()
    {
        var sentryEvent = new SentryEvent(new InvalidOperationException("failed with token planted-admin-token"))
        {
            ServerName = "build-host-7",
            User = new SentryUser { IpAddress = "203.0.113.9", Email = "someone@example.com", Username = "someone" },
        };
        sentryEvent.Request.Cookies = "sid=planted-cookie";
        sentryEvent.Request.Headers["Authorization"] = "Bearer planted-bearer";
        sentryEvent.Request.Env["REMOTE_ADDR"] = "203.0.113.9";
        sentryEvent.Request.Data = "{\"prompt\":\"my private prompt\"}";
        sentryEvent.Request.QueryString = "api_key=planted";
        sentryEvent.Request.Url = "http://127.0.0.1:5100/v1/chat/completions";
        sentryEvent.Contexts.OperatingSystem.Name = "Debian";
        sentryEvent.Contexts.Device.Name = "laptop";
        sentryEvent.Contexts["Environment Variables"] = new Dictionary<string, string> { ["HOME"] = "/root" };
        sentryEvent.Contexts.Runtime.Name = ".NET";
        return sentryEvent;
    }

    [Fact]
    public void Request_cookies_headers_body_and_query_are_dropped()
    {
        var scrubbed = _scrubber.Scrub(EventWithEverything());
        Assert.Null(scrubbed.Request.Cookies);
        Assert.Empty(scrubbed.Request.Headers);
        Assert.Empty(scrubbed.Request.Env);
        Assert.Null(scrubbed.Request.Data);
        Assert.Null(scrubbed.Request.QueryString);
        Assert.Equal("http://127.0.0.1:5100/v1/chat/completions", scrubbed.Request.Url);
    }

    [Fact]
    public void User_and_machine_identity_are_dropped()
    {
        var scrubbed = _scrubber.Scrub(EventWithEverything());
        Assert.Null(scrubbed.User.IpAddress);
        Assert.Null(scrubbed.User.Email);
        Assert.Null(scrubbed.User.Username);
        Assert.Null(scrubbed.ServerName);
    }

    [Fact]
    public void Os_device_and_environment_contexts_are_dropped_runtime_is_kept()
    {
        var scrubbed = _scrubber.Scrub(EventWithEverything());
        Assert.False(scrubbed.Contexts.ContainsKey("os"));
        Assert.False(scrubbed.Contexts.ContainsKey("device"));
        Assert.False(scrubbed.Contexts.ContainsKey("Environment Variables"));
        Assert.True(scrubbed.Contexts.ContainsKey("runtime"));
    }

    [Fact]
    public void Secrets_in_exception_messages_are_masked()
    {
        var sentryEvent = EventWithEverything();
        sentryEvent.SentryExceptions = [new SentryException { Type = "InvalidOperationException", Value = "failed with token planted-admin-token" }];
        var scrubbed = _scrubber.Scrub(sentryEvent);
        Assert.DoesNotContain("planted-admin-token", scrubbed.SentryExceptions!.Single().Value);
    }
}
