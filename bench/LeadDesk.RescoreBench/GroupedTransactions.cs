using System.Data.Common;

namespace LeadDesk.RescoreBench;

/// <summary>
/// The floors' transactions, sized as the rescorer's: one is opened for the first batch written and committed once it
/// holds <c>leadsPerTransaction</c> leads, or at the end.
/// </summary>
internal sealed class GroupedTransactions(DbConnection connection, int leadsPerTransaction) : IDisposable
{
    private int _leads;

    /// <summary>The open transaction, if any: on SQLite every command of the connection must name it.</summary>
    public DbTransaction? Current { get; private set; }

    /// <summary>The open transaction, opened if none is.</summary>
    public DbTransaction Open() => Current ??= connection.BeginTransaction();

    /// <summary>Counts a batch written in the open transaction; commits when the transaction is full.</summary>
    public void Written(int leads)
    {
        _leads += leads;
        if (_leads >= leadsPerTransaction) Commit();
    }

    /// <summary>Commits the open transaction, if any.</summary>
    public void Commit()
    {
        Current?.Commit();
        Dispose();
        _leads = 0;
    }

    public void Dispose()
    {
        Current?.Dispose();
        Current = null;
    }
}
