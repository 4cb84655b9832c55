namespace LeadDesk.Domain.Persistence;

/// <summary>
/// SQLite's planner hint <c>likely(X)</c>, mapped for LINQ: X unchanged, but the planner takes it to be true for most
/// rows (15 in 16). Without STAT4 histograms SQLite believes every stage, status or owner matches an equal share of
/// the leads, so for a filter that in fact matches most of them it would gather them all and sort; the hint makes it
/// walk the sort index instead and stop after one page.
/// </summary>
internal static class SqliteHints
{
    public static bool Likely(bool condition) => throw new NotSupportedException("likely() only runs inside a SQLite query.");
}
