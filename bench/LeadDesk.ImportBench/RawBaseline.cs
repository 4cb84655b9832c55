using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Microsoft.Data.Sqlite;

namespace LeadDesk.ImportBench;

/// <summary>
/// The yardstick: the same rows put into the same Leads table (its indexes and tally trigger included) by hand — the
/// file read with the same CSV reader, each row bound to one prepared INSERT, one transaction per batch, on a
/// connection with the importer's settings. No validation, no stage mapping, no scoring, no decisions, no error report,
/// no progress: what any import must at least pay for.
/// </summary>
internal static class RawBaseline
{
    private static readonly string[] Columns =
    [
        "FirstName", "LastName", "Email", "EmailNormalized", "Phone", "JobTitle", "Seniority", "Company", "CompanySize", "Industry",
        "Country", "AnnualRevenue", "Source", "SearchFirstName", "SearchLastName", "SearchCompany", "CreatedAt", "Stage",
        "StageEnteredAt", "Status", "FitScore", "EngagementScore", "TotalScore", "ScoreExplanation", "ConcurrencyToken",
    ];

    public static PhaseResult Run(string dbPath, string csvPath, int batchSize, int cacheMegabytes)
    {
        ProcessMemory.ResetPeak();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = $"PRAGMA cache_size = -{cacheMegabytes * 1024}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
            pragmas.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"Leads\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value))).ToArray();
        insert.Prepare();

        var now = DateTime.UtcNow;
        using var reader = CsvReader.Create(new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            CsvReaderOptions.Default with { TrimWhitespace = true }, leaveOpen: false);
        var header = reader.Headers.ToList();
        int Column(string name) => header.IndexOf(name);
        var (first, last, email, phone, company, title, industry, employees, revenue, country, source, created) =
            (Column("First Name"), Column("Last Name"), Column("Email"), Column("Phone Number"), Column("Company Name"), Column("Job Title"),
             Column("Industry"), Column("Number of Employees"), Column("Annual Revenue"), Column("Country/Region"), Column("Original Source"), Column("Create Date"));

        long rows = 0;
        SqliteTransaction? transaction = null;
        while (reader.Read())
        {
            if (transaction is null) insert.Transaction = transaction = connection.BeginTransaction();
            var firstName = reader.GetString(first) ?? "";
            var lastName = reader.GetString(last) ?? "";
            var emailText = reader.GetString(email) ?? "";
            var companyName = reader.GetString(company);
            object?[] values =
            [
                firstName, lastName, emailText, emailText.ToLowerInvariant(), reader.GetString(phone), reader.GetString(title), 0, companyName,
                int.TryParse(reader.GetString(employees), out var size) ? size : null, reader.GetString(industry), reader.GetString(country),
                long.TryParse(reader.GetString(revenue), out var amount) ? amount : null, reader.GetString(source),
                firstName.ToLowerInvariant(), lastName.ToLowerInvariant(), (companyName ?? "").ToLowerInvariant(),
                DateTime.TryParse(reader.GetString(created), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at) ? at : now,
                0, now, 0, 0, 0, 0, "[]", Guid.NewGuid().ToString().ToUpperInvariant(),
            ];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            insert.ExecuteNonQuery();
            if (++rows % batchSize == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = null;
            }
        }
        transaction?.Commit();
        transaction?.Dispose();
        clock.Stop();
        return new PhaseResult("raw", clock.Elapsed.TotalSeconds, 0, rows, ProcessMemory.PeakBytes(),
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
