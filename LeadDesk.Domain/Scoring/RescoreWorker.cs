using LeadDesk.Domain.Background;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Scoring;

/// <summary>Wakes the <see cref="RescoreWorker"/> as soon as a run is queued, instead of at its next poll.</summary>
public sealed class RescoreSignal : WakeSignal;

/// <summary>Runs queued rescore runs in the background: at start (a run interrupted by a restart resumes), when woken, and every half minute.</summary>
public sealed class RescoreWorker(Rescorer rescorer, RescoreSignal signal, ILogger<RescoreWorker> logger)
    : PollingWorker(signal, logger, TimeSpan.FromSeconds(30))
{
    protected override string WorkName => "rescore runs";

    protected override Task<bool> RunPendingAsync(CancellationToken cancellationToken) => rescorer.RunPendingAsync(cancellationToken);
}
