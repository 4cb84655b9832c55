using LeadDesk.Domain.Demo;

namespace LeadDesk.ImportBench;

/// <summary>
/// (Copied from bench/LeadDesk.Bench, so the import benchmark starts from the same kind of million leads.)
/// Makes leads the way the demo seeder does, through the domain itself: a <see cref="DemoLeadFactory"/> profile,
/// engagement events, the default scoring model, and a history played through the lifecycle verbs (so stages,
/// owners, statuses and decisions fall out like a real funnel), spread over two years. Same seed, same leads.
/// </summary>
internal sealed class LeadGenerator(int seed, DateTime now)
{
    public static readonly DemoCast Cast = new(
        new Actor("bench-marketer-0000", "Morgan Marketer"),
        [
            new Actor("bench-rep-0001", "Ana Souza"), new Actor("bench-rep-0002", "Ben Carter"), new Actor("bench-rep-0003", "Chloé Martin"),
            new Actor("bench-rep-0004", "Diego Fernández"), new Actor("bench-rep-0005", "Emma Schmidt"), new Actor("bench-rep-0006", "Farid Khan"),
        ]);

    public static readonly TimeSpan History = TimeSpan.FromDays(730);

    private static readonly LeadStatus[] EarlyStatuses =
        [LeadStatus.New, LeadStatus.AttemptingContact, LeadStatus.Connected, LeadStatus.BadTiming, LeadStatus.Unqualified];
    private static readonly float[] EarlyStatusWeights = [0.72f, 0.12f, 0.06f, 0.07f, 0.03f];

    /// <summary>Leads in creation order (ids will follow it), in batches.</summary>
    public IEnumerable<List<Lead>> Batches(int count, int batchSize)
    {
        var model = DefaultScoringModel.Definition;
        var factory = new DemoLeadFactory(seed);
        var random = factory.Random;
        var start = now - History;
        var step = History.TotalSeconds / count;
        var batch = new List<Lead>(batchSize);
        for (var i = 0; i < count; i++)
        {
            // Evenly over two years with jitter, whole seconds, so ids grow with creation time as in a live system.
            var createdAt = start.AddSeconds(Math.Floor((i + random.Double()) * step));
            var lead = Lead.Create(factory.NextProfile(), createdAt);
            // "A few" events per lead on average (about three), some leads far busier than others.
            foreach (var (type, at, detail) in factory.NextEvents(createdAt, now, random.Double(0.05, 0.85)))
                lead.RecordEvent(type, TruncateToSeconds(at), detail);
            var score = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), model, now);
            lead.ApplyScore(score, 1, now);
            new DemoHistory(lead, Cast, random, now, LeadScorer.CheckMql(score, model.Mql).Meets).Play();
            if (lead.Stage is LifecycleStage.Lead or LifecycleStage.MQL or LifecycleStage.Nurture && lead.Status == LeadStatus.New)
            {
                var status = random.WeightedRandom(EarlyStatuses, EarlyStatusWeights);
                if (status != LeadStatus.New) lead.ChangeStatus(status);
            }
            batch.Add(lead);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<Lead>(batchSize);
            }
        }
        if (batch.Count > 0) yield return batch;
    }

    private static DateTime TruncateToSeconds(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
