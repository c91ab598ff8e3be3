using Kiln.AppHost.Hosting.Networking;
using Kiln.AppHost.Hosting.Processes;

namespace Kiln.AppHost.Hosting;

/// <summary>A private redis-server on a loopback port; nothing is persisted (rate-limit state and caches only).</summary>
public sealed class RedisServer(string name, int defaultPort) : ServerResource(name, defaultPort)
{
    private string? program;

    public override string ConnectionString => $"127.0.0.1:{Port}";

    public override string? Url => Port == 0 ? null : $"redis://127.0.0.1:{Port}";

    internal override IEnumerable<string> Problems(ResourceContext context)
    {
        program = ServerProgram.Redis.Find();
        if (program is null)
            yield return ServerProgram.Redis.MissingMessage;
    }

    internal override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        var folder = context.State.Folder(Name);
        Launch(context, new ProcessSpec(program!, ["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder])
        {
            WorkingDirectory = folder,
        });
        await WaitUntilAsync(context, ct => Readiness.RedisAnswersPingAsync(Port, ct), "answering PING", cancellationToken);
        SetState(ResourceState.Running);
    }

    internal override Task StopAsync(ResourceContext context, bool force) => StopProcessAsync(context, UnixSignal.Terminate, force);
}
