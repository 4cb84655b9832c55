using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// Who may run one kind of background work now, and until when. With several app nodes on one database, only the
/// holder of a live lease works; a node that dies stops renewing, its lease runs out, and another node takes over.
/// </summary>
public sealed class JobLease
{
    private JobLease() { }

    internal JobLease(string name, string holder, DateTime expiresAt)
    {
        Name = name;
        Holder = holder;
        ExpiresAt = expiresAt;
    }

    public string Name { get; private set; } = "";
    public string Holder { get; private set; } = "";
    /// <summary>UTC.</summary>
    public DateTime ExpiresAt { get; private set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(100);
        lease.Property(l => l.Holder).HasMaxLength(200);
    }
}

/// <summary>
/// Takes and renews <see cref="JobLease"/>s with single conditional statements, so two nodes asking at once cannot both
/// win: an UPDATE that only matches a free or own lease, else an INSERT that the primary key refuses to a second node.
/// </summary>
public sealed class JobLeases(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock)
{
    /// <summary>How long a lease lasts without renewal: the longest a dead node's work waits before another node resumes it.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    /// <summary>This process, as lease holders name it.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Takes the lease, or renews it if this process holds it. False when another live holder has it.</summary>
    public Task<bool> TryAcquireAsync(string name, CancellationToken cancellationToken = default) =>
        TryAcquireAsync(name, Duration, cancellationToken);

    /// <summary>
    /// Takes the lease for <paramref name="duration"/> rather than <see cref="Duration"/>: for periodic work whose lease
    /// covers one period, so that one node does each round (see SlaEscalation).
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.Holder == Holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, Holder).SetProperty(x => x.ExpiresAt, until), cancellationToken);
        if (taken == 1) return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken)) return false;
        db.JobLeases.Add(new JobLease(name, Holder, until));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            return false; // another node created it first
        }
    }

    /// <summary>
    /// Renews a lease this process holds, on <paramref name="db"/>'s connection and in its transaction, so that the
    /// renewal and the work it covers commit together: a batch is only written while its node still holds the lease.
    /// On PostgreSQL the lease's row stays locked until that transaction ends, so no other node can take the lease in
    /// the middle of the batch (it waits, then finds it renewed); on SQLite the transaction holds the write lock anyway.
    /// False when the lease has passed to another holder: this node must leave the work to it.
    /// </summary>
    public async Task<bool> RenewAsync(LeadDeskDbContext db, string name, CancellationToken cancellationToken = default)
    {
        var until = clock.GetUtcNow().UtcDateTime + Duration;
        return await db.JobLeases.Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, until), cancellationToken) == 1;
    }

    /// <summary>Gives the lease up at once, so another node need not wait for it to run out.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.JobLeases.Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, DateTime.UnixEpoch), cancellationToken);
    }

    /// <summary>Removes the lease of work that is over for good (a finished import), so the table keeps one row per live kind of work.</summary>
    public async Task EndAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.JobLeases.Where(l => l.Name == name && l.Holder == Holder).ExecuteDeleteAsync(cancellationToken);
    }
}
