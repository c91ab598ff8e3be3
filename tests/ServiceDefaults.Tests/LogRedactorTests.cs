using Kiln.ServiceDefaults.Logging;

namespace Kiln.ServiceDefaults.Tests;

public class LogRedactorTests
{
    private readonly LogRedactor _redactor = new(["s3cr3t-admin-token"]);

    [Theory]
    [InlineData("Authorization: Bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("calling with bearer eyJhbGciOi.xyz", "eyJhbGciOi.xyz")]
    [InlineData("Cookie: session=42; theme=dark", "session=42")]
    [InlineData("Host=db;Username=kiln;Password=hunter22;Database=kiln", "hunter22")]
    [InlineData("amqp://kiln:rabbitpass@127.0.0.1:5673/", "rabbitpass")]
    [InlineData("GET /v1/models?api_key=abcdef123456", "abcdef123456")]
    [InlineData("key sk-proj-ABCDEFGHIJKLMNOPQRST used", "sk-proj-ABCDEFGHIJKLMNOPQRST")]
    [InlineData("{\"password\":\"pa55word!\"}", "pa55word!")]
    [InlineData("X-Api-Key=kiln_0123456789abcdefghij", "kiln_0123456789abcdefghij")]
    public void Secrets_in_text_are_masked(string text, string secret)
    {
        var redacted = _redactor.Redact(text);
        Assert.DoesNotContain(secret, redacted);
        Assert.Contains(LogRedactor.Mask, redacted);
    }

    [Fact]
    public void Configured_secrets_are_masked_wherever_they_appear()
    {
        var redacted = _redactor.Redact("token is s3cr3t-admin-token, not for logs");
        Assert.Equal($"token is {LogRedactor.Mask}, not for logs", redacted);
    }

    [Fact]
    public void Ordinary_text_is_untouched() =>
        Assert.Equal("Generated 42 tokens for model tiny in 12 ms", _redactor.Redact("Generated 42 tokens for model tiny in 12 ms"));

    [Theory]
    [InlineData("Password")]
    [InlineData("apiKey")]
    [InlineData("X-Admin-Token")]
    [InlineData("Set-Cookie")]
    [InlineData("ConnectionString")]
    [InlineData("WebhookUrl")]
    public void Sensitive_fields_are_masked_whole(string name) =>
        Assert.Equal(LogRedactor.Mask, _redactor.RedactField(name, "anything at all"));

    [Fact]
    public void Ordinary_fields_keep_their_value() =>
        Assert.Equal("tiny-llama", _redactor.RedactField("Model", "tiny-llama"));

    [Fact]
    public void Long_values_are_truncated_with_a_marker()
    {
        var text = new string('x', 5_000);
        var redacted = _redactor.Redact(text);
        Assert.StartsWith(new string('x', LogRedactor.MaxValueLength), redacted);
        Assert.EndsWith("…[truncated, 5000 chars]", redacted);
        Assert.True(redacted.Length < 1_100);
    }

    [Fact]
    public void Values_at_the_limit_are_kept_whole()
    {
        var text = new string('y', LogRedactor.MaxValueLength);
        Assert.Equal(text, _redactor.Redact(text));
    }
}
