namespace LeadDesk.Domain.Import;

/// <summary>
/// Something wrong with one row: which column (its header as written; empty for the row as a whole), what (a code that
/// screens and the error report put in words) and the value concerned.
/// </summary>
public sealed record RowProblem(string Column, string Code, string? Value);

/// <summary>The codes of <see cref="RowProblem"/>; each has an English sentence in <see cref="Describe"/>.</summary>
public static class ImportProblems
{
    public const string EmailMissing = "EmailMissing";
    public const string EmailInvalid = "EmailInvalid";
    /// <summary>Value: the most characters allowed.</summary>
    public const string TooLong = "TooLong";
    public const string NotANumber = "NotANumber";
    public const string Negative = "Negative";
    public const string UnknownCountry = "UnknownCountry";
    public const string UnknownStage = "UnknownStage";
    public const string UnknownStatus = "UnknownStatus";
    public const string UnknownSeniority = "UnknownSeniority";
    public const string InvalidDate = "InvalidDate";
    public const string FutureDate = "FutureDate";
    /// <summary>Value: "found/expected" fields.</summary>
    public const string FieldCount = "FieldCount";
    /// <summary>A quote in the wrong place: the fields of the row cannot be told apart with certainty.</summary>
    public const string MalformedQuotes = "MalformedQuotes";
    public const string NotYesOrNo = "NotYesOrNo";
    /// <summary>A count that would stand for more than <see cref="ImportedEvents.MaxPerField"/> events.</summary>
    public const string TooManyEvents = "TooManyEvents";
    /// <summary>Value: the English message of a rule the profile broke.</summary>
    public const string Invalid = "Invalid";

    /// <summary>The problem in English; screens say it in the user's language from their resources, and fall back on this.</summary>
    public static string Describe(RowProblem problem) => problem.Code switch
    {
        EmailMissing => "The email is empty.",
        EmailInvalid => $"'{problem.Value}' is not a valid email address.",
        TooLong => $"Longer than {problem.Value} characters.",
        NotANumber => $"'{problem.Value}' is not a number.",
        Negative => $"'{problem.Value}' is negative.",
        UnknownCountry => $"'{problem.Value}' is not a country LeadDesk knows.",
        UnknownStage => $"'{problem.Value}' is not a stage LeadDesk can map.",
        UnknownStatus => $"'{problem.Value}' is not a lead status LeadDesk can map.",
        UnknownSeniority => $"'{problem.Value}' is not a seniority LeadDesk knows.",
        InvalidDate => $"'{problem.Value}' is not a date.",
        FutureDate => $"'{problem.Value}' is in the future.",
        FieldCount => $"The row has {problem.Value?.Split('/')[0]} fields where the header has {problem.Value?.Split('/').ElementAtOrDefault(1)}.",
        MalformedQuotes => "A quote is out of place, so the row's fields cannot be read with certainty.",
        NotYesOrNo => $"'{problem.Value}' is neither yes nor no.",
        TooManyEvents => $"'{problem.Value}' stands for more than {ImportedEvents.MaxPerField} events.",
        _ => problem.Value ?? problem.Code,
    };
}
