namespace LeadDesk.Domain.Import;

/// <summary>
/// How the stage and status values of other systems read in LeadDesk. Values are compared by their letters only,
/// ignoring case, so HubSpot's internal names and labels ("marketingqualifiedlead", "Marketing Qualified Lead") and
/// Salesforce's picklist values ("Open - Not Contacted") all match. The reasons for each row are in
/// docs/decisions/csv-import.md.
/// </summary>
public static class StageValues
{
    /// <summary>A stage, and the working status it implies when the file has no status column of its own.</summary>
    public sealed record StageReading(LifecycleStage Stage, LeadStatus? Status);

    private static readonly Dictionary<string, StageReading> Stages = new()
    {
        // LeadDesk's own names.
        ["lead"] = new(LifecycleStage.Lead, null),
        ["mql"] = new(LifecycleStage.MQL, null),
        ["sal"] = new(LifecycleStage.SAL, null),
        ["sql"] = new(LifecycleStage.SQL, null),
        ["opportunity"] = new(LifecycleStage.Opportunity, null),
        ["won"] = new(LifecycleStage.Won, null),
        ["lost"] = new(LifecycleStage.Lost, null),
        ["nurture"] = new(LifecycleStage.Nurture, null),
        ["disqualified"] = new(LifecycleStage.Disqualified, null),
        ["salesacceptedlead"] = new(LifecycleStage.SAL, null),
        // HubSpot lifecycle stages (lifecyclestage).
        ["subscriber"] = new(LifecycleStage.Lead, null),
        ["marketingqualifiedlead"] = new(LifecycleStage.MQL, null),
        ["salesqualifiedlead"] = new(LifecycleStage.SQL, null),
        ["customer"] = new(LifecycleStage.Won, null),
        ["evangelist"] = new(LifecycleStage.Won, null),
        ["other"] = new(LifecycleStage.Lead, null),
        // Salesforce lead statuses: the classic picklist, then the one newer orgs start with.
        ["opennotcontacted"] = new(LifecycleStage.Lead, LeadStatus.New),
        ["workingcontacted"] = new(LifecycleStage.SAL, LeadStatus.AttemptingContact),
        ["closedconverted"] = new(LifecycleStage.Opportunity, LeadStatus.InProgress),
        ["closednotconverted"] = new(LifecycleStage.Disqualified, LeadStatus.Unqualified),
        ["new"] = new(LifecycleStage.Lead, LeadStatus.New),
        ["working"] = new(LifecycleStage.SAL, LeadStatus.InProgress),
        ["nurturing"] = new(LifecycleStage.Nurture, null),
        ["qualified"] = new(LifecycleStage.SQL, LeadStatus.InProgress),
        ["unqualified"] = new(LifecycleStage.Disqualified, LeadStatus.Unqualified),
        // Opportunity outcomes, as CRMs name them.
        ["closedwon"] = new(LifecycleStage.Won, null),
        ["closedlost"] = new(LifecycleStage.Lost, null),
    };

    private static readonly Dictionary<string, LeadStatus> Statuses = new()
    {
        // LeadDesk's own names; HubSpot's lead statuses (hs_lead_status) are the same six plus three.
        ["new"] = LeadStatus.New,
        ["attemptingcontact"] = LeadStatus.AttemptingContact,
        ["connected"] = LeadStatus.Connected,
        ["inprogress"] = LeadStatus.InProgress,
        ["badtiming"] = LeadStatus.BadTiming,
        ["unqualified"] = LeadStatus.Unqualified,
        ["open"] = LeadStatus.New,
        ["attemptedtocontact"] = LeadStatus.AttemptingContact,
        ["opendeal"] = LeadStatus.InProgress,
    };

    private static readonly Dictionary<string, Seniority> Seniorities = new()
    {
        ["entry"] = Seniority.Entry, ["entrylevel"] = Seniority.Entry, ["intern"] = Seniority.Entry, ["training"] = Seniority.Entry,
        ["individualcontributor"] = Seniority.IndividualContributor, ["ic"] = Seniority.IndividualContributor,
        ["senior"] = Seniority.IndividualContributor, ["staff"] = Seniority.IndividualContributor,
        ["manager"] = Seniority.Manager,
        ["director"] = Seniority.Director, ["head"] = Seniority.Director,
        ["vicepresident"] = Seniority.VicePresident, ["vp"] = Seniority.VicePresident,
        ["executive"] = Seniority.Executive, ["clevel"] = Seniority.Executive, ["csuite"] = Seniority.Executive, ["cxo"] = Seniority.Executive,
        ["owner"] = Seniority.Owner, ["founder"] = Seniority.Owner, ["partner"] = Seniority.Owner,
    };

    /// <summary>The stage a value names; an empty value is a plain Lead; null when the value is not known.</summary>
    public static StageReading? Stage(string? value) =>
        string.IsNullOrWhiteSpace(value) ? new StageReading(LifecycleStage.Lead, null) : Stages.GetValueOrDefault(Key(value));

    public static LeadStatus? Status(string value) => Statuses.TryGetValue(Key(value), out var status) ? status : null;

    public static Seniority? SeniorityOf(string value) => Seniorities.TryGetValue(Key(value), out var seniority) ? seniority : null;

    private static string Key(string value) => string.Concat(value.Where(char.IsLetter)).ToLowerInvariant();
}
