using System.ComponentModel.DataAnnotations;

namespace LeadDesk.Domain.Import;

/// <summary>One row read as a lead: the profile, the stage and status it arrives in, and when the other system created it.</summary>
/// <param name="RowNumber">As a spreadsheet numbers it: the header is row 1, the first lead row 2.</param>
/// <param name="Status">The working status, when the file says one (a status column, or a stage value that implies it).</param>
/// <param name="CreatedAt">UTC; null when the file has no creation date for the row.</param>
/// <param name="Events">Engagement the file counts for the lead (visits, minutes on site, its last activity …), recorded at its creation.</param>
public sealed record ImportRow(int RowNumber, LeadProfile Profile, LifecycleStage Stage, LeadStatus? Status, DateTime? CreatedAt,
    IReadOnlyList<ImportedEvents> Events)
{
    /// <summary>The domain of the address given to a lead the file names by id only (<see cref="ImportField.RecordId"/>).</summary>
    public const string PlaceholderEmailDomain = "no-email.invalid";
}

/// <summary>So many events of one type, read from a column that counts them.</summary>
public sealed record ImportedEvents(EngagementEventType Type, int Count)
{
    /// <summary>The most events one field of one row may stand for: more is refused rather than written by the thousand.</summary>
    public const int MaxPerField = 1000;
}

/// <summary>A row as read, with everything wrong with it. Only a row without problems is imported.</summary>
/// <param name="Row">Every field that could be read; a field with a problem is left empty.</param>
/// <param name="Raw">The text of each mapped field as the file has it (kept for the preview only).</param>
public sealed record MappedRow(ImportRow Row, IReadOnlyDictionary<ImportField, string> Raw, IReadOnlyList<RowProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>Reads the mapped columns of a row into an <see cref="ImportRow"/>, naming every problem by its column.</summary>
public sealed class RowMapper
{
    private readonly ImportMapping _mapping;
    private readonly ColumnMap[] _mapped;
    private readonly int _columnCount;
    private readonly bool _dayFirst;
    private readonly DateTime _now;
    private readonly bool _keepRaw;
    private readonly ImportPreset _preset;
    private static readonly int Fields = Enum.GetValues<ImportField>().Length;

    /// <param name="separator">The file's separator: slashed dates are read day first in ";" files (see <see cref="ValueParsing.TryDate"/>).</param>
    /// <param name="now">Creation dates after it are refused.</param>
    /// <param name="keepRaw">Keep each field's text as the file has it (<see cref="MappedRow.Raw"/>), for the preview.</param>
    /// <param name="preset">The export the file comes from: some write a placeholder for "not answered" (<see cref="ImportPresets.IsNotAnswered"/>).</param>
    public RowMapper(ImportMapping mapping, char separator, DateTime now, bool keepRaw = true, ImportPreset preset = ImportPreset.Generic)
    {
        _preset = preset;
        _keepRaw = keepRaw;
        _mapping = mapping;
        _mapped = mapping.Mapped.ToArray();
        _columnCount = mapping.Columns.Count;
        _dayFirst = separator == ';';
        _now = now;
    }

    /// <summary>The columns to read from each record: only these are decoded.</summary>
    public IReadOnlyList<ColumnMap> Columns => _mapped;

    /// <param name="rowNumber">See <see cref="ImportRow.RowNumber"/>.</param>
    /// <param name="fieldCount">How many fields the record has; a count other than the header's is a problem.</param>
    /// <param name="value">The text of the record's field at a column index (null or empty when empty).</param>
    /// <param name="malformed">The reader found broken quoting in this record.</param>
    public MappedRow Map(int rowNumber, int fieldCount, Func<int, string?> value, bool malformed = false)
    {
        var problems = new List<RowProblem>();
        if (malformed) problems.Add(new RowProblem("", ImportProblems.MalformedQuotes, null));
        if (fieldCount != _columnCount)
            problems.Add(new RowProblem("", ImportProblems.FieldCount, $"{fieldCount}/{_columnCount}"));

        var raw = _keepRaw ? new Dictionary<ImportField, string>(_mapped.Length) : null;
        // Each field's text or value, built into one profile at the end (a `with` per field would copy it each time).
        var text = new string?[Fields];
        var seniority = Seniority.Unknown;
        int? companySize = null;
        long? annualRevenue = null;
        string? country = null;
        var stage = new StageValues.StageReading(LifecycleStage.Lead, null);
        LeadStatus? status = null;
        DateTime? createdAt = null;
        List<ImportedEvents>? events = null;
        string? recordId = null;
        foreach (var column in _mapped)
        {
            var given = value(column.Index)?.Trim();
            if (string.IsNullOrEmpty(given) || ImportPresets.IsNotAnswered(_preset, given)) continue;
            var field = column.Field!.Value;
            if (raw is not null) raw[field] = given;
            void Problem(string code) => problems.Add(new RowProblem(column.Header, code, given));
            switch (field)
            {
                case ImportField.Seniority:
                    if (StageValues.SeniorityOf(given) is { } known) seniority = known;
                    else Problem(ImportProblems.UnknownSeniority);
                    break;
                case ImportField.CompanySize:
                    if (!ValueParsing.TryWholeNumber(given, out var size) || size > int.MaxValue) Problem(ImportProblems.NotANumber);
                    else if (size < 0) Problem(ImportProblems.Negative);
                    else companySize = (int)size;
                    break;
                case ImportField.AnnualRevenue:
                    if (!ValueParsing.TryWholeNumber(given, out var revenue)) Problem(ImportProblems.NotANumber);
                    else if (revenue < 0) Problem(ImportProblems.Negative);
                    else annualRevenue = revenue;
                    break;
                case ImportField.Country:
                    if (CountryNames.ToIsoCode(given) is { } code) country = code;
                    else Problem(ImportProblems.UnknownCountry);
                    break;
                case ImportField.Stage:
                    if (StageValues.Stage(given) is { } reading) stage = reading;
                    else Problem(ImportProblems.UnknownStage);
                    break;
                case ImportField.Status:
                    if (StageValues.Status(given) is { } working) status = working;
                    else Problem(ImportProblems.UnknownStatus);
                    break;
                case ImportField.CreatedAt:
                    if (!ValueParsing.TryDate(given, _dayFirst, out var created)) Problem(ImportProblems.InvalidDate);
                    else if (created > _now) Problem(ImportProblems.FutureDate);
                    else createdAt = created;
                    break;
                case ImportField.Source:
                    text[(int)field] = ValueParsing.Readable(given);
                    break;
                case ImportField.RecordId:
                    recordId = given;
                    break;
                case ImportField.Converted:
                    if (ActivityValues.YesNo(given) is { } won) stage = new StageValues.StageReading(won ? LifecycleStage.Won : LifecycleStage.Lost, null);
                    else Problem(ImportProblems.NotYesOrNo);
                    break;
                case ImportField.PageVisits:
                    Count(EngagementEventType.PageVisit, 1);
                    break;
                case ImportField.SecondsOnSite:
                    Count(EngagementEventType.MinuteOnSite, 60);
                    break;
                case ImportField.ContentDownloads:
                    if (ActivityValues.YesNo(given) is { } downloaded) Add(EngagementEventType.ContentDownload, downloaded ? 1 : 0);
                    else Count(EngagementEventType.ContentDownload, 1);
                    break;
                case ImportField.Unsubscribed:
                    if (ActivityValues.YesNo(given) is { } unsubscribed) Add(EngagementEventType.Unsubscribe, unsubscribed ? 1 : 0);
                    else Problem(ImportProblems.NotYesOrNo);
                    break;
                case ImportField.LastActivity:
                    if (ActivityValues.EventOf(given) is { } activity) Add(activity, 1);
                    break;
                default:
                    text[(int)field] = given;
                    break;
            }

            // A count of events: the whole number of `per` units in the value (seconds per minute on site).
            void Count(EngagementEventType type, int per)
            {
                if (!ValueParsing.TryWholeNumber(given, out var number)) Problem(ImportProblems.NotANumber);
                else if (number < 0) Problem(ImportProblems.Negative);
                else if (number / per > ImportedEvents.MaxPerField) Problem(ImportProblems.TooManyEvents);
                else Add(type, (int)(number / per));
            }
        }

        void Add(EngagementEventType type, int count)
        {
            if (count > 0) (events ??= []).Add(new ImportedEvents(type, count));
        }

        if (string.IsNullOrEmpty(text[(int)ImportField.Email]) && recordId is not null)
            text[(int)ImportField.Email] = PlaceholderEmail(recordId);

        var profile = new LeadProfile
        {
            Email = text[(int)ImportField.Email] ?? "", FirstName = text[(int)ImportField.FirstName] ?? "",
            LastName = text[(int)ImportField.LastName] ?? "", Phone = text[(int)ImportField.Phone],
            JobTitle = text[(int)ImportField.JobTitle], Seniority = seniority, Department = text[(int)ImportField.Department],
            Company = text[(int)ImportField.Company], CompanySize = companySize, Industry = text[(int)ImportField.Industry],
            Country = country, AnnualRevenue = annualRevenue, Source = text[(int)ImportField.Source],
            UtmSource = text[(int)ImportField.UtmSource], UtmMedium = text[(int)ImportField.UtmMedium],
            UtmCampaign = text[(int)ImportField.UtmCampaign],
        };
        foreach (var broken in profile.Validate())
            problems.Add(ProblemOf(broken, profile));
        return new MappedRow(new ImportRow(rowNumber, profile, stage.Stage, status ?? stage.Status, createdAt, (IReadOnlyList<ImportedEvents>?)events ?? []),
            (IReadOnlyDictionary<ImportField, string>?)raw ?? System.Collections.ObjectModel.ReadOnlyDictionary<ImportField, string>.Empty, problems);
    }

    /// <summary>The id's letters, digits, dots and dashes (lower case) as the local part of an address that receives no mail.</summary>
    private static string PlaceholderEmail(string recordId)
    {
        var local = new string(recordId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray()).Trim('.', '-');
        return local.Length == 0 ? "" : $"{local}@{ImportRow.PlaceholderEmailDomain}";
    }

    /// <summary>A rule of <see cref="LeadProfile.Validate"/> as a problem of the column that fills the field it names.</summary>
    private RowProblem ProblemOf(ValidationResult broken, LeadProfile profile)
    {
        var member = broken.MemberNames.FirstOrDefault() ?? "";
        var column = Enum.TryParse<ImportField>(member, out var field) ? _mapping.ColumnOf(field)?.Header ?? "" : "";
        return member switch
        {
            nameof(LeadProfile.Email) when string.IsNullOrWhiteSpace(profile.Email) => new RowProblem(column, ImportProblems.EmailMissing, null),
            nameof(LeadProfile.Email) when profile.Email.Trim().Length > LeadProfile.EmailMaxLength =>
                new RowProblem(column, ImportProblems.TooLong, LeadProfile.EmailMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            nameof(LeadProfile.Email) => new RowProblem(column, ImportProblems.EmailInvalid, profile.Email.Trim()),
            nameof(LeadProfile.FirstName) or nameof(LeadProfile.LastName) =>
                new RowProblem(column, ImportProblems.TooLong, LeadProfile.NameMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            nameof(LeadProfile.Phone) or nameof(LeadProfile.JobTitle) or nameof(LeadProfile.Department) or nameof(LeadProfile.Company)
                or nameof(LeadProfile.Industry) or nameof(LeadProfile.Source) or nameof(LeadProfile.UtmSource) or nameof(LeadProfile.UtmMedium)
                or nameof(LeadProfile.UtmCampaign) =>
                new RowProblem(column, ImportProblems.TooLong, LeadProfile.TextMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => new RowProblem(column, ImportProblems.Invalid, broken.ErrorMessage),
        };
    }
}
