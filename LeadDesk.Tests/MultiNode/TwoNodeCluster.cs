namespace LeadDesk.Tests.MultiNode;

/// <summary>
/// A PostgreSQL test database and two app nodes on it: node A, which seeds the demo data, then node B. Whatever has
/// started is stopped again when a later start fails, so a failed setup leaves no app process behind.
/// </summary>
public sealed class TwoNodeCluster : IAsyncDisposable
{
    private TwoNodeCluster(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public AppNode NodeA { get; private set; } = null!;
    public AppNode NodeB { get; private set; } = null!;

    /// <param name="settings">Environment settings both nodes get, as an operator gives every node the same.</param>
    public static async Task<TwoNodeCluster> StartAsync(params (string Key, string Value)[] settings)
    {
        var cluster = new TwoNodeCluster(await TestDatabase.CreateAsync());
        try
        {
            cluster.NodeA = await AppNode.StartAsync(cluster.Database.ConnectionString, seedDemo: true, settings);
            cluster.NodeB = await AppNode.StartAsync(cluster.Database.ConnectionString, seedDemo: false, settings);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Null until started: a failed start disposes what it had.
        if (NodeB is not null) await NodeB.DisposeAsync();
        if (NodeA is not null) await NodeA.DisposeAsync();
        await Database.DisposeAsync();
    }
}
