namespace LeadDesk.Domain.Persistence;

/// <summary>SQLite built-in functions mapped for LINQ, for queries that only run on SQLite.</summary>
internal static class SqliteFunctions
{
    /// <summary>
    /// SQLite's <c>substr(value, start, length)</c> over a DateTime column, which SQLite stores as the text
    /// "yyyy-MM-dd HH:mm:ss.FFFFFFF" (UTC): characters 1–10 are the day. EF translates <c>DateTime.Date</c> with
    /// <c>strftime</c>, which parses and formats every value; the dashboard's trend groups tens of thousands of decisions
    /// by day, where cutting the text is several times cheaper.
    /// </summary>
    public static string Substr(DateTime value, int start, int length) => throw new NotSupportedException("substr() only runs inside a SQLite query.");
}
