namespace LeadDesk.Tests.Insights;

/// <summary>
/// Closed leads made in bulk for training tests: imported as Won or Lost (the outcome another system knew), with
/// engagement before the import. Whether a lead is won follows a hidden rule the default scoring model only half
/// knows (senior people and pricing visits help; Retail and free-mail hurt), with noise. Same seed, same leads.
/// </summary>
public static class ClosedLeadFactory
{
    private static readonly Actor Importer = new("importer", "Importer");
    private static readonly string[] Industries = ["Software", "Retail", "Healthcare", "Manufacturing"];
    private static readonly string[] Countries = ["BR", "US", "DE", "JP"];

    /// <param name="won">How many won leads; the rest of <paramref name="count"/> are lost. Null: as the hidden rule draws.</param>
    public static List<Lead> Make(int count, int seed = 1, int? won = null, string emailPrefix = "closed")
    {
        var random = new Random(seed);
        var leads = new List<Lead>(count);
        for (var i = 0; i < count; i++)
        {
            var senior = random.NextDouble() < 0.4;
            var industry = Industries[random.Next(Industries.Length)];
            var freeMail = random.NextDouble() < 0.2;
            var pricing = random.Next(0, 4);
            var profile = new LeadProfile
            {
                FirstName = $"Lead{i}", LastName = "Closed", Email = $"{emailPrefix}{i}@{(freeMail ? "gmail.com" : $"company{i % 40}.com")}",
                Seniority = senior ? Seniority.Director : Seniority.IndividualContributor, Industry = industry,
                Country = Countries[random.Next(Countries.Length)], CompanySize = random.Next(5, 3000), Source = random.NextDouble() < 0.5 ? "Webinar" : "Paid search",
            };
            var odds = -0.5 + (senior ? 1.5 : 0) + 0.7 * pricing + (industry == "Retail" ? -1.5 : 0) + (freeMail ? -1.2 : 0) + (random.NextDouble() - 0.5) * 2;
            var isWon = won is { } wanted ? i < wanted : random.NextDouble() < 1 / (1 + Math.Exp(-odds));
            var createdAt = Leads.Now.AddDays(-200 + random.Next(0, 100));
            var lead = Lead.Import(profile, createdAt, isWon ? LifecycleStage.Won : LifecycleStage.Lost, Importer, createdAt.AddDays(30), "Import: history.csv");
            for (var p = 0; p < pricing; p++) lead.RecordEvent(EngagementEventType.PricingPageVisit, createdAt.AddDays(p + 1), "/pricing");
            for (var v = random.Next(0, 6); v > 0; v--) lead.RecordEvent(EngagementEventType.PageVisit, createdAt.AddDays(v), "/blog");
            leads.Add(lead);
        }
        return leads;
    }
}
