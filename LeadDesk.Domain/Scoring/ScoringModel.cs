namespace LeadDesk.Domain.Scoring;

/// <summary>A saved, numbered version of the scoring model. Versions are never edited; the newest active one scores.</summary>
public sealed class ScoringModel
{
    private ScoringModel() { }

    public ScoringModel(int version, ScoringModelDefinition definition, Actor createdBy, DateTime createdAt, string? note)
    {
        Version = version;
        Definition = definition;
        CreatedById = createdBy.UserId;
        CreatedByName = createdBy.Name;
        CreatedAt = createdAt;
        Note = note;
    }

    public int Id { get; private set; }
    public int Version { get; private set; }
    public ScoringModelDefinition Definition { get; private set; } = new();
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string? Note { get; private set; }
}
