namespace LeadDesk.Domain.Qualification;

/// <summary>A rep's BANT answers for a lead and the verdict they led to, kept with who asked and when.</summary>
public sealed class BantAssessment
{
    public const int NoteMaxLength = 1000;

    private BantAssessment() { }

    public BantAssessment(int leadId, BantAnswers answers, BantVerdict verdict, Actor rep, DateTime at)
    {
        foreach (var note in new[] { answers.BudgetNote, answers.AuthorityNote, answers.NeedNote, answers.TimelineNote })
        {
            if (note is { Length: > NoteMaxLength })
                throw new DomainException($"A BANT note must be at most {NoteMaxLength} characters.", "BantNoteTooLong", NoteMaxLength);
        }
        LeadId = leadId;
        Budget = answers.Budget;
        Authority = answers.Authority;
        Need = answers.Need;
        Timeline = answers.Timeline;
        BudgetNote = Clean(answers.BudgetNote);
        AuthorityNote = Clean(answers.AuthorityNote);
        NeedNote = Clean(answers.NeedNote);
        TimelineNote = Clean(answers.TimelineNote);
        Outcome = verdict.Outcome;
        Points = verdict.Points;
        AssessedById = rep.UserId;
        AssessedByName = rep.Name;
        AssessedAt = at;
    }

    public long Id { get; private set; }
    public int LeadId { get; private set; }
    public BudgetAnswer Budget { get; private set; }
    public AuthorityAnswer Authority { get; private set; }
    public NeedAnswer Need { get; private set; }
    public TimelineAnswer Timeline { get; private set; }
    public string? BudgetNote { get; private set; }
    public string? AuthorityNote { get; private set; }
    public string? NeedNote { get; private set; }
    public string? TimelineNote { get; private set; }
    public BantOutcome Outcome { get; private set; }
    public int Points { get; private set; }
    public string AssessedById { get; private set; } = "";
    public string AssessedByName { get; private set; } = "";
    public DateTime AssessedAt { get; private set; }

    public BantAnswers Answers => new(Budget, Authority, Need, Timeline, BudgetNote, AuthorityNote, NeedNote, TimelineNote);

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
