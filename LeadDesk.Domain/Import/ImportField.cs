namespace LeadDesk.Domain.Import;

/// <summary>What a CSV column can become in LeadDesk: a profile field, the stage or status, or the creation date.</summary>
public enum ImportField
{
    Email = 0,
    FirstName = 1,
    LastName = 2,
    Phone = 3,
    JobTitle = 4,
    Seniority = 5,
    Department = 6,
    Company = 7,
    CompanySize = 8,
    Industry = 9,
    Country = 10,
    AnnualRevenue = 11,
    Source = 12,
    UtmSource = 13,
    UtmMedium = 14,
    UtmCampaign = 15,
    /// <summary>The stage the other system had the lead in (see <see cref="StageValues"/>).</summary>
    Stage = 16,
    /// <summary>The working status (see <see cref="StageValues"/>).</summary>
    Status = 17,
    /// <summary>When the other system created the lead; the import time when absent.</summary>
    CreatedAt = 18,
    /// <summary>
    /// The other system's id for the lead. A row without an email is given the address <c>{id}@no-email.invalid</c>
    /// (<see cref="ImportRow.PlaceholderEmailDomain"/>): the reserved .invalid domain receives no mail, and the id keeps a
    /// re-import from creating the lead twice.
    /// </summary>
    RecordId = 19,
    /// <summary>Whether the lead became a customer: yes, 1 or true imports it as Won; no, 0 or false as Lost.</summary>
    Converted = 20,
    /// <summary>A number of visits: that many page-visit events.</summary>
    PageVisits = 21,
    /// <summary>Seconds spent on the website: one minute-on-site event per whole minute.</summary>
    SecondsOnSite = 22,
    /// <summary>
    /// The lead's last marketing activity ("Email Opened", "Form Submitted on Website" …): one event of that kind (see
    /// <see cref="ActivityValues"/>). Activities of sales (calls, text messages) are not engagement and are left out.
    /// </summary>
    LastActivity = 23,
    /// <summary>Yes when the lead asked not to be emailed: one unsubscribe event.</summary>
    Unsubscribed = 24,
    /// <summary>Yes (one) or a number of content downloads.</summary>
    ContentDownloads = 25,
}

/// <summary>One column of the file: its position, its header as written, and the field it fills (null: not imported).</summary>
public sealed record ColumnMap(int Index, string Header, ImportField? Field);

/// <summary>What is wrong with a mapping as a whole; the import cannot start until there is nothing.</summary>
/// <param name="Code">"EmailNotMapped", "FieldMappedTwice" or "LeaksOutcome" (a column sales wrote after contact, see
/// <see cref="ImportPresets.IsWrittenBySales"/>, mapped to a field).</param>
/// <param name="Field">The field concerned.</param>
/// <param name="Headers">The columns concerned (for a field mapped twice).</param>
public sealed record MappingProblem(string Code, ImportField Field, IReadOnlyList<string> Headers);

/// <summary>Which column fills which field, for every column of the file in order.</summary>
public sealed record ImportMapping(IReadOnlyList<ColumnMap> Columns)
{
    public IReadOnlyList<ColumnMap> Mapped => Columns.Where(c => c.Field is not null).ToList();

    /// <summary>The columns that will not be imported.</summary>
    public IReadOnlyList<ColumnMap> Unmapped => Columns.Where(c => c.Field is null).ToList();

    public ColumnMap? ColumnOf(ImportField field) => Columns.FirstOrDefault(c => c.Field == field);

    /// <summary>The same mapping with column <paramref name="index"/> filling <paramref name="field"/> (null: not imported).</summary>
    public ImportMapping With(int index, ImportField? field)
    {
        if (index < 0 || index >= Columns.Count) throw new ArgumentOutOfRangeException(nameof(index));
        return new ImportMapping(Columns.Select(c => c.Index == index ? c with { Field = field } : c).ToList());
    }

    /// <summary>
    /// The email is the key that recognises a lead, so it must be mapped (or a record id that stands in for it); no field
    /// may be filled by two columns (a stage and a converted column both say the stage); and no column that sales wrote
    /// after contact may fill a field: scoring and the conversion model would learn the outcome from it.
    /// </summary>
    public IReadOnlyList<MappingProblem> Problems()
    {
        var problems = new List<MappingProblem>();
        if (ColumnOf(ImportField.Email) is null && ColumnOf(ImportField.RecordId) is null)
            problems.Add(new MappingProblem("EmailNotMapped", ImportField.Email, []));
        foreach (var twice in Mapped.GroupBy(c => c.Field == ImportField.Converted ? ImportField.Stage : c.Field!.Value).Where(g => g.Count() > 1))
            problems.Add(new MappingProblem("FieldMappedTwice", twice.Key, twice.Select(c => c.Header).ToList()));
        foreach (var leak in Mapped.Where(c => ImportPresets.IsWrittenBySales(c.Header)))
            problems.Add(new MappingProblem("LeaksOutcome", leak.Field!.Value, [leak.Header]));
        return problems;
    }

    /// <summary>Refuses a mapping with problems (<see cref="Problems"/>), naming the first.</summary>
    public void EnsureUsable()
    {
        var problem = Problems().FirstOrDefault();
        if (problem is null) return;
        throw problem.Code switch
        {
            "EmailNotMapped" => new DomainException("Map a column to Email: it is how LeadDesk recognises a lead that already exists.", "ImportEmailNotMapped"),
            "LeaksOutcome" => new DomainException(
                $"'{problem.Headers[0]}' was written by sales after contact: imported as {problem.Field}, it would teach scoring the outcome. Leave it unmapped.",
                "ImportColumnLeaksOutcome", problem.Headers[0], problem.Field.ToString()),
            _ => new DomainException($"{problem.Field} is filled by more than one column ({string.Join(", ", problem.Headers)}); keep one.",
                "ImportFieldMappedTwice", problem.Field.ToString(), string.Join(", ", problem.Headers)),
        };
    }
}
