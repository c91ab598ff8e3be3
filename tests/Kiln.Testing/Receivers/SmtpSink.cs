using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kiln.Testing.Receivers;

/// <summary>A message the <see cref="SmtpSink"/> accepted: envelope, raw data and the Subject header.</summary>
public sealed record SmtpMessage(string From, IReadOnlyList<string> Recipients, string Data, string? AuthenticatedAs)
{
    /// <summary>The Subject header as sent (unfolded; MIME encoded words are left as they are).</summary>
    public string? Subject => Header("Subject");

    public string? Header(string name)
    {
        var headers = Data.Split("\r\n\r\n", 2)[0].Replace("\r\n ", " ").Replace("\r\n\t", " ").Split("\r\n");
        return headers.FirstOrDefault(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
    }
}

/// <summary>
/// A small SMTP server on a free loopback port that accepts mail for tests: EHLO/HELO, AUTH PLAIN and LOGIN,
/// MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT (no STARTTLS). It can be told to refuse messages for a while.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int refuseRemaining;

    private SmtpSink(TcpListener listener)
    {
        this.listener = listener;
        accepting = AcceptLoopAsync();
    }

    /// <summary>The loopback address it listens on.</summary>
    public const string Host = "127.0.0.1";

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Accepted messages, in order.</summary>
    public ReceivedLog<SmtpMessage> Messages { get; } = new();

    /// <summary>MAIL FROM commands answered with a 451 (while refusing).</summary>
    public int Refused => Volatile.Read(ref refusedCount);
    private int refusedCount;

    /// <summary>When set, AUTH must present these credentials.</summary>
    public (string User, string Password)? RequiredCredentials { get; set; }

    /// <summary>Starts listening on 127.0.0.1 on a free port.</summary>
    public static SmtpSink Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new SmtpSink(listener);
    }

    /// <summary>Answers the next <paramref name="count"/> messages with 451 (a temporary failure).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref refuseRemaining, count);

    /// <summary>Waits until at least <paramref name="count"/> messages arrived.</summary>
    public Task<IReadOnlyList<SmtpMessage>> WaitForMessagesAsync(int count, TimeSpan timeout) => Messages.WaitForAsync(count, timeout, "emails");

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stopping.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 kiln-test-smtp ready");
            string? from = null, user = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-kiln-test-smtp\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 kiln-test-smtp");
                        break;
                    case "AUTH":
                        user = await AuthenticateAsync(argument, reader, writer, ct);
                        break;
                    case "MAIL":
                        if (RequiredCredentials is not null && user is null) { await writer.WriteLineAsync("530 authentication required"); break; }
                        if (Interlocked.Decrement(ref refuseRemaining) >= 0)
                        {
                            Interlocked.Increment(ref refusedCount);
                            await writer.WriteLineAsync("451 try again later");
                            break;
                        }
                        from = Address(argument);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "RCPT":
                        recipients.Add(Address(argument));
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "DATA":
                        if (from is null || recipients.Count == 0) { await writer.WriteLineAsync("503 need MAIL and RCPT first"); break; }
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        Messages.Add(new SmtpMessage(from, recipients.ToList(), data.ToString(), user));
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // the client went away or the sink is stopping
        }
    }

    private async Task<string?> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer, CancellationToken ct)
    {
        var parts = argument.Split(' ', 2);
        string? user, password;
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var encoded = parts.Length > 1 ? parts[1] : await Challenge("", reader, writer, ct);
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split('\0');
            (user, password) = (fields.ElementAtOrDefault(1), fields.ElementAtOrDefault(2));
        }
        else if (parts[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            user = Decode(parts.Length > 1 ? parts[1] : await Challenge("VXNlcm5hbWU6", reader, writer, ct));
            password = Decode(await Challenge("UGFzc3dvcmQ6", reader, writer, ct));
        }
        else
        {
            await writer.WriteLineAsync("504 mechanism not supported");
            return null;
        }
        if (RequiredCredentials is { } required && (required.User != user || required.Password != password))
        {
            await writer.WriteLineAsync("535 authentication failed");
            return null;
        }
        await writer.WriteLineAsync("235 authenticated");
        return user;
    }

    private static async Task<string> Challenge(string prompt, StreamReader reader, StreamWriter writer, CancellationToken ct)
    {
        await writer.WriteLineAsync($"334 {prompt}");
        return await reader.ReadLineAsync(ct) ?? "";
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private static string Address(string argument)
    {
        var start = argument.IndexOf('<');
        var end = argument.IndexOf('>');
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument.Split(':', 2).Last().Trim();
    }
}
