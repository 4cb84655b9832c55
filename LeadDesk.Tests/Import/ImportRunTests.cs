using System.Diagnostics;
using System.Text;
using LeadDesk.Domain.Import;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.Import;

/// <summary>Running imports into a real database, on each engine: what is created, merged, skipped and refused, and how often.</summary>
public sealed class ImportRunTests : IAsyncLifetime
{
    private ImportBed _bed = default!;

    public async Task InitializeAsync() => _bed = await ImportBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_HubSpot_export_imports_its_valid_rows_in_their_stages_and_refuses_the_others()
    {
        var job = await _bed.ImportFixtureAsync("hubspot-contacts.csv");

        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal((10, 10, 4, 1, 0, 5), (job.TotalRows!.Value, job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed));
        Assert.Equal(1, job.Attempts);
        Assert.Equal(Leads.Now, job.FinishedAt);
        Assert.False(File.Exists(_bed.Storage.PathOf(job.StoredFileName)));

        var leads = await _bed.LeadsAsync();
        Assert.Equal(["ana.silva@acme.com", "bruno.costa@globex.com", "emma.schmidt@hooli.de", "iris@tyrell.jp"], leads.Select(l => l.EmailNormalized));
        var ana = leads[0];
        Assert.Equal(LifecycleStage.MQL, ana.Stage);
        Assert.Equal(LeadStatus.InProgress, ana.Status);
        Assert.Equal(new DateTime(2024, 3, 15, 10, 23, 0, DateTimeKind.Utc), ana.CreatedAt);
        Assert.Equal(("Acme, Inc.", "+55 11 5555 0101", "BR", 1_200_000L), (ana.Company, ana.Phone, ana.Country, ana.AnnualRevenue));
        Assert.Equal("Import: hubspot-contacts.csv", ana.IntakeSource);
        var imported = ana.Decisions.Single(d => d.Verb == LifecycleVerb.Import);
        Assert.Equal((LifecycleStage.Lead, LifecycleStage.MQL, Leads.Marketer.UserId, Leads.Now), (imported.FromStage, imported.ToStage, imported.ActorId, imported.At));
        Assert.Equal("Import: hubspot-contacts.csv", imported.Note);
        var merge = ana.Decisions.Single(d => d.Verb == LifecycleVerb.Merge);
        Assert.Contains("Filled: Phone.", merge.Note);
        Assert.All(leads, l => Assert.Equal(1, l.ScoreModelVersion));
        Assert.All(leads, l => Assert.True(l.FitScore > 0));

        Assert.Equal((LifecycleStage.Lead, 51, 3_500_000L, "Organic search"), (leads[1].Stage, leads[1].CompanySize!.Value, leads[1].AnnualRevenue!.Value, leads[1].Source));
        Assert.Equal((LifecycleStage.SQL, LeadStatus.AttemptingContact), (leads[2].Stage, leads[2].Status));
        Assert.Equal(LifecycleStage.Won, leads[3].Stage);
    }

    [Fact]
    public async Task A_Salesforce_export_imports_its_statuses_as_stages()
    {
        var job = await _bed.ImportFixtureAsync("salesforce-leads.csv");

        Assert.Equal((7, 4, 0, 0, 3), (job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed));
        var leads = await _bed.LeadsAsync();
        Assert.Equal(
            [("lucia.garcia@acme.es", LifecycleStage.Lead, LeadStatus.New), ("marco.rossi@globex.it", LifecycleStage.SAL, LeadStatus.AttemptingContact),
             ("sofia@initech.se", LifecycleStage.Opportunity, LeadStatus.InProgress), ("jan.novak@umbrella.cz", LifecycleStage.Disqualified, LeadStatus.Unqualified)],
            leads.Select(l => (l.EmailNormalized, l.Stage, l.Status)));
        Assert.Equal("Trade show", leads[1].Source is "Trade Show" ? "Trade show" : leads[1].Source);
    }

    [Fact]
    public async Task A_lead_that_fits_the_MQL_definition_on_arrival_is_promoted_as_a_captured_one_would_be()
    {
        var csv = "Email,Job Title,Seniority,Department,Industry,Country,Number of Employees,Annual Revenue\nvp@acme.com,VP Marketing,VP,Marketing,Software,BR,250,40000000\n";
        var draft = await _bed.UploadAsync("fit.csv", Encoding.UTF8.GetBytes(csv));

        await _bed.StartAndRunAsync(draft);

        var lead = await _bed.LeadAsync("vp@acme.com");
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal([LifecycleVerb.Import, LifecycleVerb.Promote], lead.Decisions.OrderBy(d => d.Id).Select(d => d.Verb));
        Assert.Equal(Actor.System.UserId, lead.Decisions.Single(d => d.Verb == LifecycleVerb.Promote).ActorId);
    }

    [Fact]
    public async Task Importing_the_same_file_again_creates_nothing_new_and_writes_nothing()
    {
        await _bed.ImportFixtureAsync("hubspot-contacts.csv");
        var before = await _bed.LeadsAsync();

        var again = await _bed.ImportFixtureAsync("hubspot-contacts.csv");

        Assert.Equal((0, 0, 5, 5), (again.Created, again.Merged, again.Skipped, again.Failed));
        var after = await _bed.LeadsAsync();
        Assert.Equal(before.Select(l => (l.Id, l.ConcurrencyToken, l.Decisions.Count)), after.Select(l => (l.Id, l.ConcurrencyToken, l.Decisions.Count)));
    }

    [Fact]
    public async Task A_known_email_is_merged_filling_gaps_without_overwriting_or_moving_its_stage()
    {
        await using (var db = _bed.Database.NewContext())
        {
            var existing = Lead.Create(new LeadProfile { Email = "Lucia.Garcia@acme.es", FirstName = "Lucía", Company = "Acme Spain" }, Leads.Now.AddDays(-90));
            existing.Disqualify(Leads.Marketer, Leads.Now.AddDays(-60), ReasonCode.NotAFit, null);
            db.Leads.Add(existing);
            await db.SaveChangesAsync();
        }

        var job = await _bed.ImportFixtureAsync("salesforce-leads.csv");

        Assert.Equal((3, 1), (job.Created, job.Merged));
        var lucia = await _bed.LeadAsync("lucia.garcia@acme.es");
        Assert.Equal(("Lucía", "García", "Acme Spain", "Marketing Manager"), (lucia.FirstName, lucia.LastName, lucia.Company, lucia.JobTitle));
        Assert.Equal(LifecycleStage.Disqualified, lucia.Stage);
        Assert.Equal(Leads.Now, lucia.ReturnedAfterDisqualificationAt);
        Assert.DoesNotContain(lucia.Decisions, d => d.Verb == LifecycleVerb.Import);
        var merge = lucia.Decisions.Single(d => d.Verb == LifecycleVerb.Merge);
        Assert.StartsWith("Arrived again via Import: salesforce-leads.csv.", merge.Note);
        Assert.Contains("Kept Company \"Acme Spain\" (offered \"Acme Iberia\").", merge.Note);
    }

    [Fact]
    public async Task The_error_report_lists_every_problem_of_every_refused_row_by_row_number()
    {
        var job = await _bed.ImportFixtureAsync("hubspot-contacts.csv");

        var errors = await _bed.ErrorsAsync(job.Id);

        Assert.Equal(
        [
            (4, "Email", ImportProblems.EmailInvalid, "not-an-email"),
            (5, "Country/Region", ImportProblems.UnknownCountry, "Atlantis"),
            (7, "Lifecycle Stage", ImportProblems.UnknownStage, "prospectzz"),
            (8, "Email", ImportProblems.EmailMissing, null),
            (9, "Number of Employees", ImportProblems.NotANumber, "lots"),
        ], errors.Select(e => (e.RowNumber, e.Column, e.Code, e.Value)));
        Assert.Equal("'Atlantis' is not a country LeadDesk knows.", ImportProblems.Describe(errors[1].Problem));
    }

    [Fact]
    public async Task A_row_with_several_problems_is_reported_once_per_problem_and_counted_once()
    {
        var draft = await _bed.UploadAsync("two.csv", Encoding.UTF8.GetBytes("Email,Country,Number of Employees\nbad,Atlantis,many\n"));

        var job = await _bed.StartAndRunAsync(draft);

        Assert.Equal(1, job.Failed);
        Assert.Equal([ImportProblems.UnknownCountry, ImportProblems.NotANumber, ImportProblems.EmailInvalid],
            (await _bed.ErrorsAsync(job.Id)).Select(e => e.Code));
    }

    [Fact]
    public async Task Only_marketing_and_managers_can_import()
    {
        var draft = await _bed.UploadFixtureAsync("hubspot-contacts.csv", ImportBed.Manager);
        var rep = ImportBed.Rep;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.UploadFixtureAsync("hubspot-contacts.csv", rep));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Service.PreviewAsync(rep, draft.Id, draft.Mapping));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Service.StartAsync(rep, draft.Id, draft.Mapping));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Service.DiscardAsync(rep, draft.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Service.GetAsync(rep, draft.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Service.RecentAsync(rep));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => { await foreach (var _ in _bed.Service.ErrorsAsync(rep, draft.Id)) { } });
        Assert.Equal(ImportJobStatus.Draft, (await _bed.Service.GetAsync(ImportBed.Manager, draft.Id)).Status);
    }

    [Fact]
    public async Task Recent_imports_list_started_jobs_newest_first_and_a_draft_can_be_discarded()
    {
        var first = await _bed.ImportFixtureAsync("salesforce-leads.csv");
        _bed.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await _bed.ImportFixtureAsync("hubspot-contacts.csv");
        var draft = await _bed.UploadFixtureAsync("salesforce-report-latin1.csv");

        Assert.Equal([second.Id, first.Id], (await _bed.Service.RecentAsync(ImportBed.Manager)).Select(j => j.Id));

        await _bed.Service.DiscardAsync(ImportBed.Marketer, draft.Id);
        Assert.False(File.Exists(_bed.Storage.PathOf(draft.StoredFileName)));
        Assert.Equal("ImportNotFound", (await Assert.ThrowsAsync<DomainException>(() => _bed.Service.GetAsync(ImportBed.Marketer, draft.Id))).Code);
        Assert.Equal("ImportNotDraft", (await Assert.ThrowsAsync<DomainException>(() => _bed.Service.DiscardAsync(ImportBed.Marketer, first.Id))).Code);
    }

    [Fact]
    public async Task An_interrupted_import_resumes_after_its_last_committed_batch_and_writes_nothing_twice()
    {
        await using var bed = await ImportBed.CreateAsync(new ImportOptions { BatchSize = 50 });
        var draft = await bed.UploadAsync("contacts.csv", Generated(3_000, badEvery: 97));
        await bed.Service.StartAsync(ImportBed.Marketer, draft.Id, draft.Mapping);
        using var stop = new CancellationTokenSource();
        using var watch = bed.Signals.Subscribe(p =>
        {
            if (p.RowsDone >= 500) stop.Cancel();
            return Task.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Runner.RunAsync(draft.Id, stop.Token));

        var interrupted = await bed.Service.GetAsync(ImportBed.Marketer, draft.Id);
        Assert.Equal(ImportJobStatus.Running, interrupted.Status);
        Assert.InRange(interrupted.RowsDone, 500, 2_950);
        Assert.Equal(0, interrupted.RowsDone % 50);
        await using (var db = bed.Database.NewContext())
            Assert.Equal(interrupted.Created, await db.Leads.CountAsync());

        // The app starts again: its importer puts the interrupted job back in the queue and finishes it.
        var worker = new ImportWorker(bed.Database.Contexts, bed.Runner, bed.Signals, bed.Storage, bed.Clock, NullLogger<ImportWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var done = await WaitForAsync(bed, draft.Id, ImportJobStatus.Completed);
        await worker.StopAsync(CancellationToken.None);

        var refused = Enumerable.Range(1, 3_000).Count(i => i % 97 == 0);
        Assert.Equal((3_000, 3_000 - refused, 0, 0, refused, 2), (done.RowsDone, done.Created, done.Merged, done.Skipped, done.Failed, done.Attempts));
        await using (var db = bed.Database.NewContext())
        {
            Assert.Equal(3_000 - refused, await db.Leads.CountAsync());
            Assert.Equal(3_000 - refused, await db.Decisions.CountAsync(d => d.Verb == LifecycleVerb.Import));
            Assert.Equal(refused, await db.ImportRowErrors.CountAsync(e => e.ImportJobId == draft.Id));
            Assert.Equal(refused, await db.ImportRowErrors.Select(e => e.RowNumber).Distinct().CountAsync());
        }
    }

    [Fact]
    public async Task A_repeated_email_later_in_the_same_transaction_is_recognised_and_not_created_twice()
    {
        // 6,000 rows in one batch of 20,000 are read in two chunks; the repeat (nothing new in it) in the second finds the
        // lead the first created, uncommitted yet, and is skipped.
        await using var bed = await ImportBed.CreateAsync(new ImportOptions { BatchSize = 20_000 });
        var rows = Encoding.UTF8.GetString(Generated(5_999, badEvery: 100_000));
        var first = rows.Split('\n')[1].Split(',');
        var repeat = $"9999,{first[1]},{first[2]},{first[3].ToUpperInvariant()},,,,,,,\n";
        var draft = await bed.UploadAsync("repeat.csv", Encoding.UTF8.GetBytes(rows + repeat));

        var job = await bed.StartAndRunAsync(draft);

        Assert.Equal((6_000, 5_999, 0, 1, 0), (job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed));
        await using var db = bed.Database.NewContext();
        Assert.Equal(5_999, await db.Leads.CountAsync());
    }

    [Fact]
    public async Task A_job_interrupted_again_and_again_is_failed_instead_of_tried_once_more()
    {
        var draft = await _bed.UploadFixtureAsync("salesforce-leads.csv");
        await _bed.Service.StartAsync(ImportBed.Marketer, draft.Id, draft.Mapping);
        await using (var db = _bed.Database.NewContext())
            await db.Database.ExecuteSqlAsync($"UPDATE \"ImportJobs\" SET \"Status\" = {(int)ImportJobStatus.Running}, \"Attempts\" = {ImportRunner.MaxAttempts} WHERE \"Id\" = {draft.Id}");

        await _bed.Runner.RunAsync(draft.Id);

        var job = await _bed.Service.GetAsync(ImportBed.Marketer, draft.Id);
        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.Equal($"Stopped after {ImportRunner.MaxAttempts} interrupted attempts.", job.FailureMessage);
        Assert.False(File.Exists(_bed.Storage.PathOf(job.StoredFileName)));
        await using (var db = _bed.Database.NewContext())
            Assert.Equal(0, await db.Leads.CountAsync());
    }

    [Fact]
    public async Task Drafts_nobody_started_within_a_day_are_removed_with_their_files()
    {
        var stale = await _bed.UploadFixtureAsync("salesforce-leads.csv");
        _bed.Clock.Advance(ImportWorker.DraftLifetime + TimeSpan.FromMinutes(1));
        var fresh = await _bed.UploadFixtureAsync("hubspot-contacts.csv");
        var worker = new ImportWorker(_bed.Database.Contexts, _bed.Runner, _bed.Signals, _bed.Storage, _bed.Clock, NullLogger<ImportWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        var deadline = Stopwatch.StartNew();
        while (await DraftExistsAsync(stale.Id) && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        await worker.StopAsync(CancellationToken.None);

        Assert.False(await DraftExistsAsync(stale.Id));
        Assert.False(File.Exists(_bed.Storage.PathOf(stale.StoredFileName)));
        Assert.True(await DraftExistsAsync(fresh.Id));
        Assert.True(File.Exists(_bed.Storage.PathOf(fresh.StoredFileName)));

        async Task<bool> DraftExistsAsync(int id)
        {
            await using var db = _bed.Database.NewContext();
            return await db.ImportJobs.AnyAsync(j => j.Id == id);
        }
    }

    [Fact]
    public async Task Fifty_thousand_rows_import_whole_and_a_second_time_change_nothing()
    {
        // Speed is the import benchmark's to measure (bench/LeadDesk.ImportBench); this checks a large file end to end.
        var draft = await _bed.UploadAsync("big.csv", Generated(50_000, badEvery: 1_000));

        var job = await _bed.StartAndRunAsync(draft);

        Assert.Equal((50_000, 49_950, 0, 0, 50), (job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed));
        await using (var db = _bed.Database.NewContext())
        {
            Assert.Equal(49_950, await db.Leads.CountAsync());
            // SQLite's tally triggers count leads written in bulk as any others (PostgreSQL counts the leads themselves).
            if (!TestDatabase.IsPostgreSql) Assert.Equal(49_950, await db.Set<LeadDesk.Domain.Inbox.LeadTally>().SumAsync(t => t.Count));
        }

        var again = await _bed.StartAndRunAsync(await _bed.UploadAsync("big.csv", Generated(50_000, badEvery: 1_000)));
        Assert.Equal((0, 0, 49_950, 50), (again.Created, again.Merged, again.Skipped, again.Failed));
    }

    [Fact]
    public async Task A_lead_written_in_bulk_is_stored_exactly_as_one_saved_by_EF()
    {
        var model = await new ScoringService(_bed.Database.Contexts, _bed.Clock).GetActiveModelAsync();
        Lead Make(string email)
        {
            var lead = Lead.Import(Leads.Profile(email) with { Phone = "+55 11 5555", UtmSource = "news", UtmMedium = "email", UtmCampaign = "fall" },
                Leads.Now.AddDays(-3).AddTicks(1234567), LifecycleStage.SQL, Leads.Marketer, Leads.Now, "Import: same.csv");
            lead.ChangeStatus(LeadStatus.BadTiming);
            new ScoringService(_bed.Database.Contexts, _bed.Clock).Rescore(lead, model);
            return lead;
        }
        await using (var db = _bed.Database.NewContext())
        {
            db.Leads.Add(Make("by-ef@acme.com"));
            await db.SaveChangesAsync();
        }
        await using (var writer = await LeadBulkWriter.OpenAsync(_bed.Database.Contexts, sqliteCacheMegabytes: 16, CancellationToken.None))
        {
            await using var transaction = await writer.BeginAsync(CancellationToken.None);
            await writer.WriteAsync([Make("in-bulk@acme.com")], transaction, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var differ = new[] { "Id", "Email", "EmailNormalized", "ConcurrencyToken" };
        var (efLead, bulkLead) = (await RowAsync("Leads", "\"Id\" = 1"), await RowAsync("Leads", "\"Id\" = 2"));
        Assert.Equal(efLead.Where(c => !differ.Contains(c.Key)), bulkLead.Where(c => !differ.Contains(c.Key)));
        Assert.Equal(efLead["ConcurrencyToken"].Type, bulkLead["ConcurrencyToken"].Type);
        var ignore = new[] { "Id", "LeadId" };
        Assert.Equal((await RowAsync("Decisions", "\"LeadId\" = 1")).Where(c => !ignore.Contains(c.Key)),
            (await RowAsync("Decisions", "\"LeadId\" = 2")).Where(c => !ignore.Contains(c.Key)));
        if (!TestDatabase.IsPostgreSql)
        {
            // SQLite keeps GUIDs as upper-case text, and counts leads by stage in triggers (PostgreSQL has neither).
            Assert.Equal(efLead["ConcurrencyToken"].Text.ToUpperInvariant(), efLead["ConcurrencyToken"].Text);
            Assert.Equal(bulkLead["ConcurrencyToken"].Text.ToUpperInvariant(), bulkLead["ConcurrencyToken"].Text);
            await using var db = _bed.Database.NewContext();
            Assert.Equal(2, await db.Set<LeadDesk.Domain.Inbox.LeadTally>().Where(t => t.Stage == LifecycleStage.SQL).SumAsync(t => t.Count));
        }

        async Task<Dictionary<string, (string Type, string Text)>> RowAsync(string table, string where)
        {
            await using var db = _bed.Database.NewContext();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where} ORDER BY \"Id\" LIMIT 1";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var row = new Dictionary<string, (string, string)>();
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = (reader.GetDataTypeName(i), reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!);
            return row;
        }
    }

    private static async Task<ImportJob> WaitForAsync(ImportBed bed, int jobId, ImportJobStatus status)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var job = await bed.Service.GetAsync(ImportBed.Marketer, jobId);
            if (job.Status == status) return job;
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"Import {jobId} is still {job.Status}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A HubSpot-style export of <paramref name="rows"/> distinct contacts; every <paramref name="badEvery"/>th has a bad email.</summary>
    internal static byte[] Generated(int rows, int badEvery)
    {
        string[] stages = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "other"];
        string[] countries = ["Brazil", "United States", "Germany", "France", "Spain", "Japan", "India"];
        string[] industries = ["Software", "Retail", "Finance", "Healthcare", "Manufacturing"];
        var csv = new StringBuilder("Record ID,First Name,Last Name,Email,Company Name,Job Title,Lifecycle Stage,Industry,Number of Employees,Country/Region,Create Date\n");
        for (var i = 1; i <= rows; i++)
        {
            var email = i % badEvery == 0 ? $"contact{i}-at-example.com" : $"contact{i}@company{i % 5_000}.example.com";
            csv.Append(i).Append(",First").Append(i).Append(",Last").Append(i % 997).Append(',').Append(email)
                .Append(",\"Company ").Append(i % 5_000).Append(", Inc.\",Manager,").Append(stages[i % stages.Length]).Append(',')
                .Append(industries[i % industries.Length]).Append(',').Append(10 + i % 5_000).Append(',').Append(countries[i % countries.Length])
                .Append(",2024-0").Append(1 + i % 9).Append('-').Append((10 + i % 18).ToString("00")).Append(" 10:00\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
