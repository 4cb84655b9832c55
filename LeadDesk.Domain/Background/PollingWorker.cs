using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Background;

/// <summary>
/// A background service that runs whatever work is pending — at start (work interrupted by a restart resumes), when its
/// <see cref="WakeSignal"/> is raised, and every <paramref name="poll"/> — until none is left. A failure is logged and
/// the next wake or poll tries again.
/// </summary>
public abstract class PollingWorker(WakeSignal signal, ILogger logger, TimeSpan poll) : BackgroundService
{
    /// <summary>Runs one piece of pending work; false when there was none.</summary>
    protected abstract Task<bool> RunPendingAsync(CancellationToken cancellationToken);

    /// <summary>What the worker looks for, for the log ("rescore runs").</summary>
    protected abstract string WorkName { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up does not wait for the first look
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunPendingAsync(stoppingToken)) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Could not look for {Work}", WorkName);
            }
            try
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
