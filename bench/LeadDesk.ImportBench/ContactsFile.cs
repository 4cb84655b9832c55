using System.Globalization;
using System.Text;
using LeadDesk.Domain.Demo;

namespace LeadDesk.ImportBench;

/// <summary>
/// A HubSpot-style contacts export: the columns and value spellings HubSpot writes (internal lifecycle stage and lead
/// status names, "Country/Region" names, "yyyy-MM-dd HH:mm" dates, quoted companies with commas), people from the same
/// seeded factory as the demo data. Every email is new to the base database (a distinct domain per row block), and one
/// row in ten thousand has a broken email, so the refusal path runs too.
/// </summary>
internal static class ContactsFile
{
    public const int BadEvery = 10_000;

    private static readonly string[] Stages = ["subscriber", "lead", "lead", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "other"];
    private static readonly string[] Statuses = ["", "NEW", "OPEN", "IN_PROGRESS", "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING"];
    private static readonly Dictionary<string, string> CountryNames = new()
    {
        ["US"] = "United States", ["BR"] = "Brazil", ["ES"] = "Spain", ["MX"] = "Mexico", ["GB"] = "United Kingdom", ["DE"] = "Germany",
        ["PT"] = "Portugal", ["FR"] = "France", ["CA"] = "Canada", ["AR"] = "Argentina", ["IN"] = "India", ["AU"] = "Australia", ["JP"] = "Japan",
    };

    public static void Write(string path, int rows, int seed)
    {
        var factory = new DemoLeadFactory(seed);
        var random = factory.Random;
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 20);
        writer.Write("Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lifecycle Stage,Lead Status,Original Source,");
        writer.Write("Industry,Number of Employees,Annual Revenue,Country/Region,Create Date,Contact owner\r\n");
        var line = new StringBuilder(512);
        for (var i = 1; i <= rows; i++)
        {
            var p = factory.NextProfile();
            var local = p.Email[..p.Email.IndexOf('@')];
            var email = i % BadEvery == 0 ? $"{local}-at-import{i / 1000}.example" : $"{local}@import{i / 1000}.example.com";
            var created = start.AddMinutes(random.Int(0, 900 * 24 * 60));
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{900_000_000 + i},{Field(p.FirstName)},{Field(p.LastName)},{email},{p.Phone},{Field(p.Company)},{Field(p.JobTitle)},");
            line.Append(CultureInfo.InvariantCulture, $"{random.ArrayElement(Stages)},{random.ArrayElement(Statuses)},{p.Source!.ToUpperInvariant().Replace(' ', '_')},");
            line.Append(CultureInfo.InvariantCulture, $"{Field(p.Industry)},{p.CompanySize},{p.AnnualRevenue},{Field(CountryNames[p.Country!])},{created:yyyy-MM-dd HH:mm},");
            line.Append(random.Bool(0.3f) ? "Morgan Marketer" : "").Append("\r\n");
            writer.Write(line);
        }
    }

    /// <summary>Quoted when it holds a comma or a quote, as HubSpot writes it.</summary>
    private static string Field(string? value) =>
        value is null ? "" : value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
