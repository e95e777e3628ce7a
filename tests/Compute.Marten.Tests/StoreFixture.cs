using Marten;
using StandardsCloud.TestKit;

namespace StandardsCloud.Compute.Marten.Tests;

/// <summary>The store on its own PostgreSQL schema, one per test class.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private readonly string _schema = TestDatabase.NewSchema("store");
    private readonly List<DocumentStore> _replicas = [];
    private DocumentStore? _documents;

    public MartenComputeStore Store { get; private set; } = null!;

    /// <summary>The Marten store under <see cref="Store"/>, for tests that write rows as older versions left them.</summary>
    public DocumentStore Documents => _documents!;

    public async Task InitializeAsync()
    {
        _documents = MartenComputeStore.Create(TestDatabase.ConnectionString, _schema);
        await MartenComputeStore.MigrateAsync(_documents);
        Store = new MartenComputeStore(_documents);
    }

    /// <summary>Another store on the same schema, with its own connection pool, as a second server process has.</summary>
    public MartenComputeStore Replica()
    {
        var documents = MartenComputeStore.Create(TestDatabase.ConnectionString, _schema);
        _replicas.Add(documents);
        return new MartenComputeStore(documents);
    }

    public async Task DisposeAsync()
    {
        _replicas.ForEach(r => r.Dispose());
        if (_documents is not null)
        {
            await _documents.Advanced.Clean.CompletelyRemoveAllAsync();
            _documents.Dispose();
        }
    }
}
