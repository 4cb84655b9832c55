using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadDesk.Domain.Handoff;

/// <summary>
/// Notifications across app nodes on PostgreSQL: <see cref="Publish"/> sends <c>NOTIFY leaddesk_leads</c>, and every
/// node (this one included) LISTENs on one dedicated connection and hands what arrives to its own open screens. The
/// screens keep using <see cref="ILeadNotifier"/>; only this class knows there is more than one node.
/// </summary>
public sealed class PostgreSqlLeadNotifier(string connectionString, ILogger<PostgreSqlLeadNotifier> logger) : BackgroundService, ILeadNotifier
{
    public const string Channel = "leaddesk_leads";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly InProcessLeadNotifier _local = new();
    // Notifications leave in the order they were published, one connection at a time, off the caller's path.
    private readonly Channel<LeadNotification> _outbox = System.Threading.Channels.Channel.CreateUnbounded<LeadNotification>(new() { SingleReader = true });

    public void Publish(LeadNotification notification)
    {
        if (!_outbox.Writer.TryWrite(notification))
            logger.LogWarning("A lead notification for {Lead} was dropped: the notifier has stopped", notification.LeadId);
    }

    public IDisposable Subscribe(Func<LeadNotification, Task> handler) => _local.Subscribe(handler);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        await foreach (var notification in _outbox.Reader.ReadAllAsync(stoppingToken))
        {
            var payload = JsonSerializer.Serialize(notification, Json);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    notify.Parameters.AddWithValue("channel", Channel);
                    notify.Parameters.AddWithValue("payload", payload);
                    await notify.ExecuteNonQueryAsync(stoppingToken);
                    break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException && attempt < 3)
                {
                    logger.LogWarning(exception, "Could not send a lead notification (attempt {Attempt}); retrying", attempt);
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Screens miss one live update; the data itself is committed and shows on the next load.
                    logger.LogError(exception, "A lead notification for {Lead} could not be sent", notification.LeadId);
                    break;
                }
            }
        }
    }

    /// <summary>LISTENs until the app stops, reconnecting after a lost connection.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, arrived) => Deliver(arrived.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                logger.LogInformation("Listening for lead notifications from every node");
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Lost the lead notification connection; reconnecting");
                try { await Task.Delay(RetryAfter, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Deliver(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<LeadNotification>(payload, Json) is { } notification) _local.Publish(notification);
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Ignored a malformed lead notification");
        }
    }

    public override void Dispose()
    {
        _outbox.Writer.TryComplete();
        base.Dispose();
    }
}
