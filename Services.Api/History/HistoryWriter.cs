using Kiln.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Kiln.Api.History;

/// <summary>
/// Writes queued history rows in batches (one COPY per batch), keeping a batch and retrying with backoff while
/// PostgreSQL is down; on shutdown writes what is queued until the host's shutdown timeout.
/// </summary>
public sealed partial class HistoryWriter(
    HistoryQueue queue, IServiceScopeFactory scopes, IOptions<HistoryOptions> options, TimeProvider time, ILogger<HistoryWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource abort = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RequestRecord>(options.Value.BatchSize);
        var stopping = false;
        while (!abort.IsCancellationRequested)
        {
            while (batch.Count < options.Value.BatchSize && queue.Reader.TryRead(out var record)) batch.Add(record);
            if (batch.Count > 0)
            {
                await WriteAsync(batch);
                batch.Clear();
                ReportDrops();
                continue;
            }
            if (stopping) break;
            try
            {
                await queue.Reader.WaitToReadAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                stopping = true;
            }
        }
        ReportDrops();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The shutdown timeout bounds the final flush: when it passes, whatever is still queued is counted as lost.
        await using var registration = cancellationToken.Register(abort.Cancel);
        await base.StopAsync(cancellationToken);
        var lost = queue.Count;
        if (lost > 0) queue.CountDropped(lost, "shutdown");
        ReportDrops();
    }

    public override void Dispose()
    {
        abort.Dispose();
        base.Dispose();
    }

    private async Task WriteAsync(List<RequestRecord> batch)
    {
        var delay = FirstRetry;
        var failures = 0;
        while (true)
        {
            try
            {
                await CopyAsync(batch, abort.Token);
                if (failures > 0) LogRecovered(logger, batch.Count, failures);
                return;
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
            {
                // A data error would fail on every retry: give the batch up rather than stall the queue.
                queue.CountDropped(batch.Count, "rejected");
                LogRejected(logger, batch.Count, e.SqlState, e.MessageText);
                return;
            }
            catch (Exception) when (abort.IsCancellationRequested)
            {
                queue.CountDropped(batch.Count, "shutdown");
                return;
            }
            catch (Exception e)
            {
                // Anything else (connection refused, failover, schema not migrated yet) may pass on a later try;
                // the writer must outlive it rather than stop the host.
                if (failures++ == 0) LogRetrying(logger, batch.Count, e.Message);
            }
            try
            {
                await Task.Delay(delay, time, abort.Token);
            }
            catch (OperationCanceledException)
            {
                queue.CountDropped(batch.Count, "shutdown");
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }
    }

    private async Task CopyAsync(List<RequestRecord> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var import = await connection.BeginBinaryImportAsync(
            """
            COPY api.request_history ("RequestId", "KeyId", "Endpoint", "Model", "StatusCode", "PromptTokens", "CompletionTokens",
              "DurationMs", "ErrorType", "ErrorCode", "FinishReason", "ClientIpHash", "Prompt", "Response", "CreatedAt") FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var r in batch)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(r.RequestId, NpgsqlDbType.Varchar, cancellationToken);
            await WriteTextAsync(import, r.KeyId, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(r.Endpoint, NpgsqlDbType.Varchar, cancellationToken);
            await WriteTextAsync(import, r.Model, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(r.StatusCode, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.PromptTokens, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.CompletionTokens, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.DurationMs, NpgsqlDbType.Double, cancellationToken);
            await WriteTextAsync(import, r.ErrorType, NpgsqlDbType.Varchar, cancellationToken);
            await WriteTextAsync(import, r.ErrorCode, NpgsqlDbType.Varchar, cancellationToken);
            await WriteTextAsync(import, r.FinishReason, NpgsqlDbType.Varchar, cancellationToken);
            await WriteTextAsync(import, r.ClientIpHash, NpgsqlDbType.Varchar, cancellationToken);
            await WriteTextAsync(import, r.Prompt, NpgsqlDbType.Text, cancellationToken);
            await WriteTextAsync(import, r.Response, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await import.CompleteAsync(cancellationToken);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter import, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null) await import.WriteNullAsync(cancellationToken);
        else await import.WriteAsync(value, type, cancellationToken);
    }

    private void ReportDrops()
    {
        var dropped = queue.TakeDroppedCount();
        if (dropped > 0) LogDropped(logger, dropped);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "History: {Count} rows could not be written yet ({Reason}); retrying with backoff, keeping them")]
    private static partial void LogRetrying(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "History: wrote {Count} waiting rows after {Failures} failed attempts")]
    private static partial void LogRecovered(ILogger logger, int count, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "History: PostgreSQL rejected a batch of {Count} rows ({SqlState}: {Reason}); dropped")]
    private static partial void LogRejected(ILogger logger, int count, string sqlState, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History: {Count} rows dropped (queue full or shutdown); see kiln.api.history.dropped")]
    private static partial void LogDropped(ILogger logger, long count);
}
