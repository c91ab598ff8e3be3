using Kiln.AppHost.Hosting.Networking;
using Kiln.AppHost.Hosting.Processes;
using Kiln.AppHost.Hosting.State;

namespace Kiln.AppHost.Hosting;

/// <summary>
/// A private RabbitMQ node: own node name, ports, data, config and epmd, so it neither sees nor
/// disturbs a system broker. As root it runs as the <c>rabbitmq</c> user.
/// </summary>
public sealed class RabbitMqServer(string name, int defaultPort) : ServerResource(name, defaultPort)
{
    public const string User = "kiln";
    public const string NodeName = "kiln@localhost";
    private const int OpenFilesLimit = 65536;

    private static readonly ServerAccount Account = new("rabbitmq", "RabbitMQ", "rabbitmq-server");
    private string? program;
    private string? epmd;
    private string? password;
    private int distributionPort;
    private int epmdPort;
    private Dictionary<string, string> environment = [];

    public override string ConnectionString => $"amqp://{User}:{password}@127.0.0.1:{Port}/";

    public override string? Url => Port == 0 ? null : $"amqp://127.0.0.1:{Port}";

    internal override IEnumerable<string> Problems(ResourceContext context)
    {
        program = ServerProgram.RabbitMq.Find();
        epmd = ServerProgram.FindIn([.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), "/usr/lib/erlang/bin"], "epmd");
        if (program is null)
            yield return ServerProgram.RabbitMq.MissingMessage;
        else if (epmd is null)
            yield return "epmd not found: install the Debian package erlang-base (rabbitmq-server depends on it)";
        else if (Account.Problem(context.State.Root) is { } problem)
            yield return problem;
    }

    internal override void AllocatePorts(ResourceContext context)
    {
        base.AllocatePorts(context);
        distributionPort = context.Ports.Take(null).Port;
        // a private epmd, so the one the node starts is ours to stop afterwards
        epmdPort = context.Ports.Take(null).Port;
    }

    internal override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        var folder = context.State.Folder(Name);
        environment = await PrepareFolderAsync(context, folder, cancellationToken);

        context.Leftovers.RememberEpmd(epmd!, epmdPort);
        Launch(context, new ProcessSpec(program!, [])
        {
            WorkingDirectory = folder,
            Environment = environment,
            Account = Account,
            OpenFilesLimit = OpenFilesLimit,
        });
        // the AMQP port opens a moment before the broker is ready; await_startup waits for the rest
        await WaitUntilAsync(context, ct => Readiness.AcceptsConnectionsAsync(Port, ct), "accepting AMQP connections", cancellationToken);
        var timeout = context.Options.StartupTimeout;
        var awaitStartup = await Control(context, ["await_startup", "--timeout", $"{(int)timeout.TotalSeconds}"], timeout, cancellationToken);
        awaitStartup.ThrowIfFailed("rabbitmqctl await_startup");
        SetState(ResourceState.Running);
    }

    internal override async Task StopAsync(ResourceContext context, bool force)
    {
        MarkStopping();
        if (Process is { HasExited: false } && !force)
        {
            SetState(ResourceState.Stopping);
            var stop = await Control(context, ["stop"], context.Options.ShutdownTimeout, CancellationToken.None);
            if (!stop.Succeeded)
                context.Console.Line(Name, $"rabbitmqctl stop failed ({stop.Describe()}), signalling the node instead");
        }
        await StopProcessAsync(context, UnixSignal.Terminate, force);
        if (epmd is not null && epmdPort != 0)
            await OneShot.RunAsync(LeftoverProcesses.EpmdKill(epmd, $"{epmdPort}"), TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    private Task<OneShotResult> Control(ResourceContext context, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        OneShot.RunAsync(new ProcessSpec(ServerProgram.RabbitMq.Sibling(program!, "rabbitmqctl"), ["-n", NodeName, .. command])
        {
            WorkingDirectory = context.State.Folder(Name),
            Environment = environment,
            Account = Account,
        }, timeout, cancellationToken);

    /// <summary>Writes config, plugins list and cookie; returns the environment the server and rabbitmqctl share.</summary>
    private async Task<Dictionary<string, string>> PrepareFolderAsync(ResourceContext context, string folder, CancellationToken cancellationToken)
    {
        var mnesia = Path.Combine(folder, "mnesia");
        var home = Path.Combine(folder, "home");
        var (secret, created) = context.State.ReadOrCreateSecret($"{Name}-password");
        password = secret;
        // default_user only applies to a fresh database: a new password needs a fresh one
        if (created && Directory.Exists(mnesia))
            Directory.Delete(mnesia, recursive: true);
        Directory.CreateDirectory(mnesia);
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(folder, "log"));

        var config = Path.Combine(folder, "rabbitmq.conf");
        await File.WriteAllTextAsync(config, $"default_user = {User}\ndefault_pass = {password}\n", cancellationToken);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // no plugins: the system's enabled_plugins (e.g. management on 15672) must not leak in
        var plugins = Path.Combine(folder, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].\n", cancellationToken);
        var envFile = Path.Combine(folder, "rabbitmq-env.conf");
        await File.WriteAllTextAsync(envFile, "", cancellationToken);
        var cookie = Path.Combine(home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            // written before the node starts, so rabbitmqctl never races the node to create a different one
            await File.WriteAllTextAsync(cookie, StateDirectory.NewSecret(10).ToUpperInvariant(), cancellationToken);
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        await Account.OwnAsync(folder, cancellationToken);

        return new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = $"{Port}",
            ["RABBITMQ_DIST_PORT"] = $"{distributionPort}",
            ["RABBITMQ_MNESIA_BASE"] = mnesia,
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "rabbitmq.pid"),
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(folder, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_CONF_ENV_FILE"] = envFile,
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = $"{epmdPort}",
        };
    }
}
