using Microsoft.Data.Sqlite;

namespace LeadDesk.Domain.Persistence;

/// <summary>The <c>Database</c> section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary><c>Sqlite</c> (the embedded default) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    public string ConnectionString { get; set; } = "Data Source=data/leaddesk.db";

    /// <summary>Where a relative SQLite file path starts from: the folder of the appsettings.json in use.</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>The SQLite connection string with its file made absolute and its folder created.</summary>
    public string ResolveSqliteConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        var isFile = !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory;
        if (isFile)
        {
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.GetFullPath(Path.Combine(BaseDirectory ?? Directory.GetCurrentDirectory(), builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
