namespace LeadDesk.Domain.Import;

/// <summary>The exports LeadDesk recognises by their header names.</summary>
public enum ImportPreset
{
    /// <summary>No known export: columns are matched by common names ("Email", "First name", "Stage" …).</summary>
    Generic = 0,
    /// <summary>A HubSpot contacts export ("Record ID", "Lifecycle Stage", "Lead Status", "Country/Region" …).</summary>
    HubSpot = 1,
    /// <summary>A Salesforce leads export, by API names ("FirstName", "LeadSource", "Status" …) or report labels ("Lead Status" …).</summary>
    Salesforce = 2,
    /// <summary>
    /// The public X Education lead-scoring data set ("Prospect ID", "Lead Origin", "Converted", "Total Time Spent on
    /// Website" …): leads of an online-course company with their known outcome. See docs/decisions/closed-loop-scoring.md.
    /// </summary>
    XEducation = 3,
}

/// <summary>
/// Recognises the export a file comes from by its header and proposes a mapping. Headers are compared by their letters
/// and digits only, ignoring case ("First Name", "FirstName" and "first_name" are the same), so small spelling
/// differences between versions of an export do not matter. The tables are described in docs/decisions/csv-import.md.
/// </summary>
public static class ImportPresets
{
    /// <summary>Names every preset understands.</summary>
    private static readonly Dictionary<string, ImportField> Common = new()
    {
        ["email"] = ImportField.Email, ["emailaddress"] = ImportField.Email, ["email1"] = ImportField.Email,
        ["firstname"] = ImportField.FirstName, ["givenname"] = ImportField.FirstName,
        ["lastname"] = ImportField.LastName, ["surname"] = ImportField.LastName, ["familyname"] = ImportField.LastName,
        ["phone"] = ImportField.Phone, ["phonenumber"] = ImportField.Phone, ["telephone"] = ImportField.Phone,
        ["jobtitle"] = ImportField.JobTitle, ["title"] = ImportField.JobTitle,
        ["seniority"] = ImportField.Seniority,
        ["department"] = ImportField.Department, ["jobfunction"] = ImportField.Department,
        ["company"] = ImportField.Company, ["companyname"] = ImportField.Company, ["companyaccount"] = ImportField.Company,
        ["organization"] = ImportField.Company, ["organisation"] = ImportField.Company,
        ["numberofemployees"] = ImportField.CompanySize, ["noofemployees"] = ImportField.CompanySize,
        ["employees"] = ImportField.CompanySize, ["companysize"] = ImportField.CompanySize,
        ["industry"] = ImportField.Industry,
        ["country"] = ImportField.Country, ["countryregion"] = ImportField.Country, ["countrycode"] = ImportField.Country,
        ["annualrevenue"] = ImportField.AnnualRevenue, ["revenue"] = ImportField.AnnualRevenue,
        ["leadsource"] = ImportField.Source, ["source"] = ImportField.Source, ["originalsource"] = ImportField.Source,
        ["utmsource"] = ImportField.UtmSource, ["utmsourcec"] = ImportField.UtmSource,
        ["utmmedium"] = ImportField.UtmMedium, ["utmmediumc"] = ImportField.UtmMedium,
        ["utmcampaign"] = ImportField.UtmCampaign, ["utmcampaignc"] = ImportField.UtmCampaign,
        ["createdate"] = ImportField.CreatedAt, ["createddate"] = ImportField.CreatedAt, ["createdat"] = ImportField.CreatedAt,
        ["stage"] = ImportField.Stage, ["lifecyclestage"] = ImportField.Stage,
    };

    /// <summary>
    /// What only a preset decides. "Lead Status" is HubSpot's working status (New, Attempted to contact …) but
    /// Salesforce's lead status ("Open - Not Contacted" … "Closed - Converted"), which says where the lead stands: a stage.
    /// </summary>
    private static readonly Dictionary<ImportPreset, Dictionary<string, ImportField>> Specific = new()
    {
        [ImportPreset.Generic] = new() { ["status"] = ImportField.Status, ["leadstatus"] = ImportField.Status },
        [ImportPreset.HubSpot] = new() { ["leadstatus"] = ImportField.Status, ["hsleadstatus"] = ImportField.Status },
        [ImportPreset.Salesforce] = new() { ["status"] = ImportField.Stage, ["leadstatus"] = ImportField.Stage },
        // Lead Source (Google, Olark Chat, Reference …) is where the lead came from; Lead Origin (Landing Page Submission,
        // Lead Add Form, API …) how it was entered, kept as the UTM medium. Specialization is a field of work, closest
        // to a department; the occupation (Student, Working Professional …) is what fit rules read from a job title.
        [ImportPreset.XEducation] = new()
        {
            ["prospectid"] = ImportField.RecordId, ["leadorigin"] = ImportField.UtmMedium, ["leadsource"] = ImportField.Source,
            ["donotemail"] = ImportField.Unsubscribed, ["converted"] = ImportField.Converted, ["totalvisits"] = ImportField.PageVisits,
            ["totaltimespentonwebsite"] = ImportField.SecondsOnSite, ["lastactivity"] = ImportField.LastActivity,
            ["specialization"] = ImportField.Department, ["whatisyourcurrentoccupation"] = ImportField.JobTitle,
            ["afreecopyofmasteringtheinterview"] = ImportField.ContentDownloads,
        },
    };

    /// <summary>Headers that only one of the exports writes.</summary>
    private static readonly Dictionary<ImportPreset, HashSet<string>> Signatures = new()
    {
        [ImportPreset.HubSpot] = ["recordid", "lifecyclestage", "hsleadstatus", "hsobjectid", "contactowner", "countryregion",
            "originalsource", "originalsourcedrilldown1", "originalsourcedrilldown2", "associatedcompany", "lastactivitydate"],
        [ImportPreset.Salesforce] = ["leadid", "leadowner", "ownerid", "leadsource", "isconverted", "rating", "companyaccount",
            "noofemployees", "createddate", "status", "masterrecordid", "convertedaccountid", "salutation"],
        [ImportPreset.XEducation] = ["prospectid", "leadnumber", "leadorigin", "converted", "totaltimespentonwebsite",
            "pageviewspervisit", "whatisyourcurrentoccupation", "afreecopyofmasteringtheinterview"],
    };

    /// <summary>
    /// Columns that sales writes after talking to the lead (the X Education data set's tags, quality and profile
    /// judgements, its Asymmetrique indices and its last notable activity). They follow from the outcome rather than
    /// predict it, so no preset maps them and a mapping that imports one is refused (<see cref="ImportMapping.Problems"/>).
    /// </summary>
    private static readonly HashSet<string> WrittenBySales =
    [
        "tags", "leadquality", "leadprofile", "asymmetriqueactivityindex", "asymmetriqueprofileindex",
        "asymmetriqueactivityscore", "asymmetriqueprofilescore", "lastnotableactivity",
    ];

    /// <summary>Whether a column, by its header, was written by sales after contact (see <see cref="WrittenBySales"/>).</summary>
    public static bool IsWrittenBySales(string header) => WrittenBySales.Contains(Key(header));

    /// <summary>
    /// Whether a value means "not answered" in files of <paramref name="preset"/>: the X Education forms leave their
    /// drop-downs at "Select", and its country column says "unknown".
    /// </summary>
    public static bool IsNotAnswered(ImportPreset preset, string value) =>
        preset == ImportPreset.XEducation && (value.Equals("Select", StringComparison.OrdinalIgnoreCase) || value.Equals("unknown", StringComparison.OrdinalIgnoreCase));

    /// <summary>A preset needs this many of its signature headers: one could be a coincidence ("Status", "Rating").</summary>
    private const int MinimumSignatureHits = 2;

    /// <summary>The preset whose signature headers the file has most of (Generic when too few), and its mapping.</summary>
    public static (ImportPreset Preset, ImportMapping Mapping) Detect(IReadOnlyList<string> headers)
    {
        var keys = headers.Select(Key).ToList();
        var preset = Signatures
            .Select(s => (Preset: s.Key, Hits: keys.Count(s.Value.Contains)))
            .Where(s => s.Hits >= MinimumSignatureHits)
            .OrderByDescending(s => s.Hits)
            .Select(s => s.Preset)
            .FirstOrDefault(ImportPreset.Generic);
        return (preset, MappingFor(preset, headers));
    }

    /// <summary>The mapping a preset proposes: each field from the first column that names it; other columns unmapped.</summary>
    public static ImportMapping MappingFor(ImportPreset preset, IReadOnlyList<string> headers)
    {
        var taken = new HashSet<ImportField>();
        var columns = new List<ColumnMap>(headers.Count);
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Key(headers[i]);
            ImportField? field = Specific[preset].TryGetValue(key, out var specific) ? specific
                : Common.TryGetValue(key, out var common) ? common
                : null;
            if (field is not null && !taken.Add(field.Value)) field = null;
            columns.Add(new ColumnMap(i, headers[i], field));
        }
        return new ImportMapping(columns);
    }

    /// <summary>Letters and digits only, lower case: how headers are compared.</summary>
    internal static string Key(string header) =>
        string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
