namespace LeadDesk.Domain.Leads;

/// <summary>
/// A person marketing may hand to sales. Its stage changes only through the verbs below, each checked against
/// <see cref="Lifecycle"/> and recorded as a <see cref="Decision"/> in the same unit of work.
/// </summary>
public sealed class Lead
{
    private readonly List<Decision> _decisions = [];
    private readonly List<EngagementEvent> _events = [];

    private Lead() { }

    /// <summary>
    /// A lead that another system already had in <paramref name="stage"/>: created at <paramref name="createdAt"/>, with
    /// one Import decision from Lead to that stage at <paramref name="importedAt"/> saying where it came from.
    /// </summary>
    public static Lead Import(LeadProfile profile, DateTime createdAt, LifecycleStage stage, Actor importer, DateTime importedAt, string origin)
    {
        var lead = Create(profile, createdAt);
        lead.IntakeSource = Truncate(origin, LeadProfile.TextMaxLength);
        lead.Append(importer, importedAt, stage, LifecycleVerb.Import, null, Truncate(origin, Decision.NoteMaxLength));
        lead.Stage = stage;
        lead.StageEnteredAt = importedAt;
        if (stage == LifecycleStage.Disqualified) lead.Status = LeadStatus.Unqualified;
        return lead;
    }

    public static Lead Create(LeadProfile profile, DateTime createdAt)
    {
        var problems = profile.Validate();
        if (problems.Count > 0)
            throw new DomainException(string.Join(" ", problems.Select(p => p.ErrorMessage)), "InvalidProfile", string.Join(" ", problems.Select(p => p.ErrorMessage)));
        var lead = new Lead { CreatedAt = createdAt, StageEnteredAt = createdAt, Stage = LifecycleStage.Lead, Status = LeadStatus.New };
        lead.SetProfile(profile);
        return lead;
    }

    public int Id { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string Email { get; private set; } = "";
    /// <summary>Trimmed, lower-cased email: the unique key that recognises a returning person.</summary>
    public string EmailNormalized { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? JobTitle { get; private set; }
    public Seniority Seniority { get; private set; }
    public string? Department { get; private set; }
    public string? Company { get; private set; }
    public int? CompanySize { get; private set; }
    public string? Industry { get; private set; }
    public string? Country { get; private set; }
    public long? AnnualRevenue { get; private set; }
    public string? Source { get; private set; }
    public string? UtmSource { get; private set; }
    public string? UtmMedium { get; private set; }
    public string? UtmCampaign { get; private set; }

    /// <summary>Lower-cased copies that the inbox search matches by prefix, so an index can serve it.</summary>
    public string SearchFirstName { get; private set; } = "";
    public string SearchLastName { get; private set; } = "";
    public string SearchCompany { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public LifecycleStage Stage { get; private set; }
    public DateTime StageEnteredAt { get; private set; }
    public LeadStatus Status { get; private set; }
    public string? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }

    /// <summary>The rep a pending handoff is assigned to; null when no handoff waits for sales.</summary>
    public string? HandoffRepId { get; private set; }
    public string? HandoffRepName { get; private set; }
    public DateTime? HandedOffAt { get; private set; }

    public decimal? OpportunityAmount { get; private set; }
    public DateOnly? ExpectedCloseDate { get; private set; }

    public int FitScore { get; private set; }
    public int EngagementScore { get; private set; }
    public int TotalScore { get; private set; }
    public int? ScoreModelVersion { get; private set; }
    /// <summary>The rules that produced the stored score, kept with it so the explanation always matches.</summary>
    public IReadOnlyList<ScoreLine> ScoreExplanation { get; private set; } = [];
    public DateTime? ScoredAt { get; private set; }
    public DateTime? LastActivityAt { get; private set; }

    /// <summary>
    /// Which rules <see cref="ScoreExplanation"/> holds, as one number (<see cref="ScoreRule.KeyOf"/>), kept with the
    /// score: the dashboard's "rules relied on" groups leads by it instead of reading every explanation.
    /// </summary>
    public long ScoreRulesKey { get; private set; }

    // Milestones: the first decision that moved the lead into each funnel stage (an import into that stage included),
    // null until one has. Written with that decision, so the dashboard's cohort and channel figures read them from the
    // lead instead of searching its decisions.
    public DateTime? ReachedMqlAt { get; private set; }
    public DateTime? ReachedSalAt { get; private set; }
    public DateTime? ReachedSqlAt { get; private set; }
    public DateTime? ReachedOpportunityAt { get; private set; }
    public DateTime? ReachedWonAt { get; private set; }

    // The latest promotion, acceptance and qualification: where the funnel steps that a later acceptance, qualification
    // or win completes began (Decision.StepDuration).
    public DateTime? LastPromotedAt { get; private set; }
    public DateTime? LastAcceptedAt { get; private set; }
    public DateTime? LastQualifiedAt { get; private set; }

    /// <summary>Where the lead first came from: "API: website form", "Import: contacts.csv"; null when entered by hand or seeded.</summary>
    public string? IntakeSource { get; private set; }

    /// <summary>
    /// When a disqualified lead arrived again (by API or import); cleared when it leaves Disqualified. The inbox flags it,
    /// and the lead page says when and why it had been disqualified.
    /// </summary>
    public DateTime? ReturnedAfterDisqualificationAt { get; private set; }

    /// <summary>Changes on every write so that two racing writers cannot both win.</summary>
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<Decision> Decisions => _decisions;
    public IReadOnlyList<EngagementEvent> Events => _events;

    public string DisplayName => string.IsNullOrWhiteSpace($"{FirstName}{LastName}") ? Email : $"{FirstName} {LastName}".Trim();
    public bool HasPendingHandoff => HandoffRepId is not null;

    public LeadProfile Profile => new()
    {
        FirstName = FirstName, LastName = LastName, Email = Email, Phone = Phone, JobTitle = JobTitle, Seniority = Seniority,
        Department = Department, Company = Company, CompanySize = CompanySize, Industry = Industry, Country = Country,
        AnnualRevenue = AnnualRevenue, Source = Source, UtmSource = UtmSource, UtmMedium = UtmMedium, UtmCampaign = UtmCampaign,
    };

    public void UpdateProfile(LeadProfile profile)
    {
        var problems = profile.Validate();
        if (problems.Count > 0)
            throw new DomainException(string.Join(" ", problems.Select(p => p.ErrorMessage)), "InvalidProfile", string.Join(" ", problems.Select(p => p.ErrorMessage)));
        SetProfile(profile);
        Touch();
    }

    public void ChangeStatus(LeadStatus status)
    {
        Status = status;
        Touch();
    }

    public EngagementEvent RecordEvent(EngagementEventType type, DateTime occurredAt, string? detail)
    {
        if (detail is { Length: > EngagementEvent.DetailMaxLength })
            throw new DomainException($"Event detail must be at most {EngagementEvent.DetailMaxLength} characters.", "DetailTooLong", EngagementEvent.DetailMaxLength);
        var engagement = new EngagementEvent(this, type, occurredAt, string.IsNullOrWhiteSpace(detail) ? null : detail.Trim());
        _events.Add(engagement);
        if (LastActivityAt is null || occurredAt > LastActivityAt) LastActivityAt = occurredAt;
        Touch();
        return engagement;
    }

    public void ApplyScore(ScoreResult score, int modelVersion, DateTime scoredAt)
    {
        FitScore = score.Fit;
        EngagementScore = score.Engagement;
        TotalScore = score.Total;
        ScoreExplanation = score.Lines;
        ScoreRulesKey = ScoreRule.KeyOf(score.Lines);
        ScoreModelVersion = modelVersion;
        ScoredAt = scoredAt;
        Touch();
    }

    /// <summary>Records where a new lead came from (see <see cref="IntakeSource"/>).</summary>
    public void RecordIntakeSource(string origin) => IntakeSource = Truncate(origin, LeadProfile.TextMaxLength);

    /// <summary>
    /// The same person arrived again with <paramref name="incoming"/> details. Empty fields are filled from it; a field
    /// that already has a different value keeps it (nothing is overwritten silently) and the offered value is named in
    /// the Merge decision, which is always recorded. A disqualified lead is flagged as returned.
    /// </summary>
    public MergeOutcome MergeFrom(LeadProfile incoming, Actor actor, DateTime at, string origin)
    {
        var problems = incoming.Validate();
        if (problems.Count > 0)
            throw new DomainException(string.Join(" ", problems.Select(p => p.ErrorMessage)), "InvalidProfile", string.Join(" ", problems.Select(p => p.ErrorMessage)));
        if (LeadProfile.NormalizeEmail(incoming.Email) != EmailNormalized)
            throw new DomainException("Only a lead with the same email can be merged.", "MergeEmailMismatch");

        var (merged, filled, conflicts) = ProfileMerge.Merge(Profile, incoming);
        SetProfile(merged);
        var returned = Stage == LifecycleStage.Disqualified;
        if (returned) ReturnedAfterDisqualificationAt = at;

        var note = ProfileMerge.Describe(origin, filled, conflicts);
        var decision = Append(actor, at, Stage, LifecycleVerb.Merge, null, Truncate(note, Decision.NoteMaxLength));
        Touch();
        return new MergeOutcome(decision, filled, conflicts, returned);
    }

    // ---- lifecycle verbs -------------------------------------------------------------------------------------

    /// <summary>Lead or Nurture → MQL. A marketer promoting by hand must say why.</summary>
    public Decision Promote(Actor actor, DateTime at, string? note)
    {
        if (actor != Actor.System && string.IsNullOrWhiteSpace(note))
            throw new DomainException("A note is required to promote a lead to MQL by hand.", "PromoteNoteRequired");
        return Move(LifecycleVerb.Promote, LifecycleStage.MQL, actor, at, null, note);
    }

    /// <summary>Marketing sends an MQL to a sales rep; the lead stays MQL until the rep answers.</summary>
    public Decision HandOff(Actor marketer, Actor rep, DateTime at, string? note)
    {
        if (HasPendingHandoff)
            throw new DomainException($"This lead is already handed off to {HandoffRepName}.", "AlreadyHandedOff", HandoffRepName);
        var decision = Move(LifecycleVerb.HandOff, LifecycleStage.MQL, marketer, at, null, note);
        decision.AssignTo(rep);
        HandoffRepId = rep.UserId;
        HandoffRepName = rep.Name;
        HandedOffAt = at;
        return decision;
    }

    /// <summary>A pending handoff moves to another rep. The handoff clock keeps running from the original handoff.</summary>
    public Decision Reassign(Actor manager, Actor rep, DateTime at, string? note)
    {
        if (Lifecycle.TargetsOf(Stage, LifecycleVerb.Reassign).Count == 0)
            throw new IllegalTransitionException(Stage, LifecycleVerb.Reassign, null);
        if (!HasPendingHandoff)
            throw new DomainException("This lead has no pending handoff to reassign.", "NoPendingHandoff");
        if (HandoffRepId == rep.UserId)
            throw new DomainException($"This handoff is already assigned to {rep.Name}.", "AlreadyAssigned", rep.Name);
        var decision = Move(LifecycleVerb.Reassign, LifecycleStage.MQL, manager, at, null, note);
        decision.AssignTo(rep);
        HandoffRepId = rep.UserId;
        HandoffRepName = rep.Name;
        return decision;
    }

    /// <summary>The assigned rep takes the handoff: MQL → SAL, and the rep owns the lead.</summary>
    public Decision Accept(Actor rep, DateTime at, string? note)
    {
        RequirePendingHandoffFor(LifecycleVerb.Accept, rep);
        var decision = Move(LifecycleVerb.Accept, LifecycleStage.SAL, rep, at, null, note);
        OwnerId = rep.UserId;
        OwnerName = rep.Name;
        Status = LeadStatus.InProgress;
        ClearHandoff();
        return decision;
    }

    /// <summary>The assigned rep refuses the handoff with a reason: back to nurture, or disqualified.</summary>
    public Decision Reject(Actor rep, DateTime at, ReasonCode reason, string? note, bool disqualify)
    {
        RequirePendingHandoffFor(LifecycleVerb.Reject, rep);
        var decision = Move(LifecycleVerb.Reject, disqualify ? LifecycleStage.Disqualified : LifecycleStage.Nurture, rep, at, reason, note);
        ClearHandoff();
        return decision;
    }

    public Decision Qualify(Actor rep, DateTime at, string? note) =>
        Move(LifecycleVerb.Qualify, LifecycleStage.SQL, rep, at, null, note);

    public Decision Recycle(Actor actor, DateTime at, ReasonCode reason, string? note)
    {
        var decision = Move(LifecycleVerb.Recycle, LifecycleStage.Nurture, actor, at, reason, note);
        ClearHandoff();
        return decision;
    }

    public Decision Disqualify(Actor actor, DateTime at, ReasonCode reason, string? note)
    {
        var decision = Move(LifecycleVerb.Disqualify, LifecycleStage.Disqualified, actor, at, reason, note);
        Status = LeadStatus.Unqualified;
        ClearHandoff();
        return decision;
    }

    public Decision ConvertToOpportunity(Actor rep, DateTime at, decimal amount, DateOnly expectedClose, string? note)
    {
        if (amount < 0) throw new DomainException("The opportunity amount cannot be negative.", "NegativeAmount");
        var decision = Move(LifecycleVerb.ConvertToOpportunity, LifecycleStage.Opportunity, rep, at, null, note);
        OpportunityAmount = amount;
        ExpectedCloseDate = expectedClose;
        return decision;
    }

    public Decision CloseWon(Actor rep, DateTime at, string? note) =>
        Move(LifecycleVerb.CloseWon, LifecycleStage.Won, rep, at, null, note);

    public Decision CloseLost(Actor rep, DateTime at, ReasonCode reason, string? note) =>
        Move(LifecycleVerb.CloseLost, LifecycleStage.Lost, rep, at, reason, note);

    /// <summary>The one place a stage changes: checks the table and the reason, then appends the decision.</summary>
    private Decision Move(LifecycleVerb verb, LifecycleStage to, Actor actor, DateTime at, ReasonCode? reason, string? note)
    {
        if (!Lifecycle.IsAllowed(Stage, verb, to))
            throw new IllegalTransitionException(Stage, verb, to);
        var allowedReasons = ReasonCodes.For(verb);
        if (allowedReasons.Count > 0 && reason is null)
            throw new DomainException($"A reason is required to {verb} a lead.", "ReasonRequired", verb);
        if (reason is not null && !allowedReasons.Contains(reason.Value))
            throw new DomainException($"{reason} is not a reason that {verb} accepts.", "ReasonNotAllowed", reason, verb);
        if (reason == ReasonCode.Other && string.IsNullOrWhiteSpace(note))
            throw new DomainException("A note is required when the reason is Other.", "OtherNeedsNote");
        if (note is { Length: > Decision.NoteMaxLength })
            throw new DomainException($"A note must be at most {Decision.NoteMaxLength} characters.", "NoteTooLong", Decision.NoteMaxLength);

        var decision = Append(actor, at, to, verb, reason, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        if (Stage != to) StageEnteredAt = at;
        if (to != LifecycleStage.Disqualified) ReturnedAfterDisqualificationAt = null;
        Stage = to;
        Touch();
        return decision;
    }

    /// <summary>
    /// Records a decision from the current stage to <paramref name="to"/>, before the stage changes: it takes the times
    /// the dashboard measures from what the lead is now, and the lead's milestones and latest steps move on with it.
    /// </summary>
    private Decision Append(Actor actor, DateTime at, LifecycleStage to, LifecycleVerb verb, ReasonCode? reason, string? note)
    {
        var decision = new Decision(this, actor, at, Stage, to, verb, reason, note);
        decision.Measure(StepStartOf(verb), verb is LifecycleVerb.Accept or LifecycleVerb.Reject ? HandedOffAt : null);
        _decisions.Add(decision);
        if (Stage != to)
        {
            switch (to)
            {
                case LifecycleStage.MQL: ReachedMqlAt ??= at; break;
                case LifecycleStage.SAL: ReachedSalAt ??= at; break;
                case LifecycleStage.SQL: ReachedSqlAt ??= at; break;
                case LifecycleStage.Opportunity: ReachedOpportunityAt ??= at; break;
                case LifecycleStage.Won: ReachedWonAt ??= at; break;
            }
        }
        switch (verb)
        {
            case LifecycleVerb.Promote: LastPromotedAt = at; break;
            case LifecycleVerb.Accept: LastAcceptedAt = at; break;
            case LifecycleVerb.Qualify: LastQualifiedAt = at; break;
        }
        return decision;
    }

    /// <summary>
    /// When the funnel step that a decision of <paramref name="verb"/> would complete now began, or null when it completes
    /// none (<see cref="Decision.StepDuration"/>): creation for the first promotion, the latest promotion for an
    /// acceptance (none when the lead came in as an MQL by import), the latest acceptance for a qualification, the latest
    /// qualification for a win, and the entry into MQL for marketing's first review of an MQL (a handoff, or a return to
    /// nurture or disqualification with no handoff pending).
    /// </summary>
    private DateTime? StepStartOf(LifecycleVerb verb) => verb switch
    {
        LifecycleVerb.Promote => LastPromotedAt is null ? CreatedAt : null,
        LifecycleVerb.Accept => LastPromotedAt,
        LifecycleVerb.Qualify => LastAcceptedAt,
        LifecycleVerb.CloseWon => LastQualifiedAt,
        LifecycleVerb.HandOff or LifecycleVerb.Recycle or LifecycleVerb.Disqualify when Stage == LifecycleStage.MQL && !HasPendingHandoff => StageEnteredAt,
        _ => null,
    };

    private void RequirePendingHandoffFor(LifecycleVerb verb, Actor rep)
    {
        // The stage comes first: answering a handoff from a stage that has none is an illegal move, not a missing handoff.
        if (Lifecycle.TargetsOf(Stage, verb).Count == 0)
            throw new IllegalTransitionException(Stage, verb, null);
        if (!HasPendingHandoff)
            throw new DomainException("This lead has no pending handoff to answer.", "NoPendingHandoff");
        if (HandoffRepId != rep.UserId)
            throw new DomainException($"This handoff is assigned to {HandoffRepName}; only they can answer it.", "NotYourHandoff", HandoffRepName);
    }

    private void ClearHandoff()
    {
        HandoffRepId = null;
        HandoffRepName = null;
        HandedOffAt = null;
    }

    private void SetProfile(LeadProfile p)
    {
        FirstName = p.FirstName.Trim();
        LastName = p.LastName.Trim();
        Email = p.Email.Trim();
        EmailNormalized = LeadProfile.NormalizeEmail(p.Email);
        Phone = Clean(p.Phone);
        JobTitle = Clean(p.JobTitle);
        Seniority = p.Seniority;
        Department = Clean(p.Department);
        Company = Clean(p.Company);
        CompanySize = p.CompanySize;
        Industry = Clean(p.Industry);
        Country = Clean(p.Country)?.ToUpperInvariant();
        AnnualRevenue = p.AnnualRevenue;
        Source = Clean(p.Source);
        UtmSource = Clean(p.UtmSource);
        UtmMedium = Clean(p.UtmMedium);
        UtmCampaign = Clean(p.UtmCampaign);
        SearchFirstName = FirstName.ToLowerInvariant();
        SearchLastName = LastName.ToLowerInvariant();
        SearchCompany = (Company ?? "").ToLowerInvariant();
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..(length - 1)] + "…";

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void Touch() => ConcurrencyToken = Guid.NewGuid();
}
