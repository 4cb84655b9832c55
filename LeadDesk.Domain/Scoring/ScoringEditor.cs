using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Scoring;

/// <summary>One saved model version, as the version list shows it.</summary>
public sealed record ModelVersionRow(int Version, DateTime CreatedAt, string CreatedByName, string? Note, bool Active);

/// <summary>A lead whose MQL standing a draft would change.</summary>
public sealed record PreviewLead(int Id, string Name, LifecycleStage Stage, int CurrentTotal, int DraftTotal);

/// <summary>How many leads score in [From, From + <see cref="ModelPreview.BucketWidth"/>) now and with the draft.</summary>
public sealed record ScoreBucket(int From, int Current, int Draft);

/// <summary>What saving a draft would do, computed by scoring every lead with it (nothing is written).</summary>
/// <param name="WouldBeMql">Leads in Lead, Nurture or MQL that would meet the draft's MQL definition.</param>
/// <param name="CurrentMqls">Leads in the MQL stage now.</param>
/// <param name="DropOutCount">Current MQLs that would no longer meet the definition (they stay MQL until marketing acts).</param>
/// <param name="EnterCount">Leads in Lead or Nurture that would meet it, and enter the MQL queue on saving.</param>
public sealed record ModelPreview(
    int LeadsScored,
    int WouldBeMql,
    int CurrentMqls,
    int DropOutCount,
    IReadOnlyList<PreviewLead> DropOuts,
    int EnterCount,
    IReadOnlyList<PreviewLead> Entering,
    IReadOnlyList<ScoreBucket> Histogram)
{
    public const int BucketWidth = 10;
    /// <summary>How many leads of each list the preview names; the counts are exact.</summary>
    public const int ListedLeads = 50;
}

/// <summary>
/// Marketing's scoring model editor: versions, preview, save and restore. Saving never edits a version: it adds the
/// next one and queues a <see cref="RescoreRun"/> that the <see cref="RescoreWorker"/> carries out in the background.
/// Marketing edits; Managers read; every call checks the caller.
/// </summary>
public sealed class ScoringEditor(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, RescoreSignal signal)
{
    public async Task<IReadOnlyList<ModelVersionRow>> GetVersionsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.Require("read the scoring model", Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.ScoringModels.AsNoTracking().OrderByDescending(m => m.Version)
            .Select(m => new { m.Version, m.CreatedAt, m.CreatedByName, m.Note }).ToListAsync(cancellationToken);
        return versions.Select((v, i) => new ModelVersionRow(v.Version, v.CreatedAt, v.CreatedByName, v.Note, i == 0)).ToList();
    }

    public async Task<ScoringModel> GetVersionAsync(Caller caller, int version, CancellationToken cancellationToken = default)
    {
        caller.Require("read the scoring model", Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ScoringModels.AsNoTracking().SingleOrDefaultAsync(m => m.Version == version, cancellationToken)
               ?? throw new DomainException($"There is no model version {version}.", "NoSuchVersion", version);
    }

    /// <summary>The run of the newest version, or null before any save.</summary>
    public async Task<RescoreRun?> GetLatestRunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.Require("read the scoring model", Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RescoreRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Scores every lead with the draft, in batches, and compares with what is stored. Refuses an invalid draft.</summary>
    public async Task<ModelPreview> PreviewAsync(Caller caller, ScoringModelDefinition draft, CancellationToken cancellationToken = default)
    {
        caller.Require("preview a scoring model", Roles.Marketing, Roles.Manager);
        ThrowIfInvalid(draft);
        var now = clock.GetUtcNow().UtcDateTime;
        var (scored, wouldBeMql, currentMqls, dropOutCount, enterCount) = (0, 0, 0, 0, 0);
        var dropOuts = new List<PreviewLead>();
        var entering = new List<PreviewLead>();
        var current = new Dictionary<int, int>();
        var drafted = new Dictionary<int, int>();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var batch in ScoringInput.BatchesAsync(db, 0, cancellationToken))
        {
            foreach (var lead in batch)
            {
                var score = LeadScorer.Score(lead.Profile, lead.Events, draft, now);
                var meets = LeadScorer.MeetsMql(score, draft.Mql);
                scored++;
                Count(current, lead.TotalScore);
                Count(drafted, score.Total);
                if (lead.Stage == LifecycleStage.MQL) currentMqls++;
                if (meets && lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture or LifecycleStage.MQL) wouldBeMql++;
                if (lead.Stage == LifecycleStage.MQL && !meets && ++dropOutCount <= ModelPreview.ListedLeads)
                    dropOuts.Add(new PreviewLead(lead.Id, lead.Name, lead.Stage, lead.TotalScore, score.Total));
                if (meets && lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture && ++enterCount <= ModelPreview.ListedLeads)
                    entering.Add(new PreviewLead(lead.Id, lead.Name, lead.Stage, lead.TotalScore, score.Total));
            }
        }

        var buckets = current.Keys.Concat(drafted.Keys).Distinct().Order()
            .Select(from => new ScoreBucket(from, current.GetValueOrDefault(from), drafted.GetValueOrDefault(from))).ToList();
        return new ModelPreview(scored, wouldBeMql, currentMqls, dropOutCount, dropOuts, enterCount, entering, Fill(buckets));

        static void Count(Dictionary<int, int> histogram, int total)
        {
            var from = (int)Math.Floor(total / (double)ModelPreview.BucketWidth) * ModelPreview.BucketWidth;
            histogram[from] = histogram.GetValueOrDefault(from) + 1;
        }
    }

    /// <summary>Saves the draft as the next version (Marketing only) and queues the rescoring of every lead.</summary>
    public async Task<ModelVersionRow> SaveAsync(Caller caller, ScoringModelDefinition draft, string? note, CancellationToken cancellationToken = default)
    {
        caller.Require("change the scoring model", Roles.Marketing);
        ThrowIfInvalid(draft);
        return await AddVersionAsync(caller, draft, note, cancellationToken);
    }

    /// <summary>Saves an older version's rules as the next version (Marketing only), and rescores with them.</summary>
    public async Task<ModelVersionRow> RestoreAsync(Caller caller, int version, string? note, CancellationToken cancellationToken = default)
    {
        caller.Require("change the scoring model", Roles.Marketing);
        var old = await GetVersionAsync(caller, version, cancellationToken);
        return await AddVersionAsync(caller, old.Definition, string.IsNullOrWhiteSpace(note) ? $"Restored version {version}." : note, cancellationToken);
    }

    private async Task<ModelVersionRow> AddVersionAsync(Caller caller, ScoringModelDefinition definition, string? note, CancellationToken cancellationToken)
    {
        if (note is { Length: > Decision.NoteMaxLength })
            throw new DomainException($"A note must be at most {Decision.NoteMaxLength} characters.", "NoteTooLong", Decision.NoteMaxLength);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var next = (await db.ScoringModels.MaxAsync(m => (int?)m.Version, cancellationToken) ?? 0) + 1;
        var model = new ScoringModel(next, definition, caller.Actor, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        db.ScoringModels.Add(model);
        db.RescoreRuns.Add(new RescoreRun(next, await db.Leads.CountAsync(cancellationToken), caller.Actor, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return new ModelVersionRow(model.Version, model.CreatedAt, model.CreatedByName, model.Note, true);
    }

    private static void ThrowIfInvalid(ScoringModelDefinition draft)
    {
        var problems = ScoringModelValidator.Validate(draft);
        if (problems.Count > 0) throw new InvalidModelException(problems);
    }

    /// <summary>Every bucket between the lowest and the highest, empty ones included, so the two histograms line up.</summary>
    private static List<ScoreBucket> Fill(List<ScoreBucket> buckets)
    {
        if (buckets.Count == 0) return buckets;
        var byFrom = buckets.ToDictionary(b => b.From);
        var filled = new List<ScoreBucket>();
        for (var from = buckets[0].From; from <= buckets[^1].From; from += ModelPreview.BucketWidth)
            filled.Add(byFrom.GetValueOrDefault(from) ?? new ScoreBucket(from, 0, 0));
        return filled;
    }
}

/// <summary>A draft that cannot be saved or previewed, with every problem found.</summary>
public sealed class InvalidModelException(IReadOnlyList<ModelProblem> problems)
    : DomainException(string.Join(" ", problems.Select(p => p.Message)), "InvalidModel", problems.Count)
{
    public IReadOnlyList<ModelProblem> Problems { get; } = problems;
}
