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
}

/// <summary>One column of the file: its position, its header as written, and the field it fills (null: not imported).</summary>
public sealed record ColumnMap(int Index, string Header, ImportField? Field);

/// <summary>What is wrong with a mapping as a whole; the import cannot start until there is nothing.</summary>
/// <param name="Code">"EmailNotMapped" or "FieldMappedTwice".</param>
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

    /// <summary>The email is the key that recognises a lead, so it must be mapped; no field may be filled by two columns.</summary>
    public IReadOnlyList<MappingProblem> Problems()
    {
        var problems = new List<MappingProblem>();
        if (ColumnOf(ImportField.Email) is null)
            problems.Add(new MappingProblem("EmailNotMapped", ImportField.Email, []));
        foreach (var twice in Mapped.GroupBy(c => c.Field!.Value).Where(g => g.Count() > 1))
            problems.Add(new MappingProblem("FieldMappedTwice", twice.Key, twice.Select(c => c.Header).ToList()));
        return problems;
    }

    /// <summary>Refuses a mapping with problems (<see cref="Problems"/>), naming the first.</summary>
    public void EnsureUsable()
    {
        var problem = Problems().FirstOrDefault();
        if (problem is null) return;
        throw problem.Code == "EmailNotMapped"
            ? new DomainException("Map a column to Email: it is how LeadDesk recognises a lead that already exists.", "ImportEmailNotMapped")
            : new DomainException($"{problem.Field} is filled by more than one column ({string.Join(", ", problem.Headers)}); keep one.",
                "ImportFieldMappedTwice", problem.Field.ToString(), string.Join(", ", problem.Headers));
    }
}
