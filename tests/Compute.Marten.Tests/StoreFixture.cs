using Marten;
using StandardsCloud.TestKit;

namespace StandardsCloud.Compute.Marten.Tests;

/// <summary>The store on its own PostgreSQL schema, one per test class.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private DocumentStore? _documents;

    public MartenComputeStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _documents = MartenComputeStore.Create(TestDatabase.ConnectionString, TestDatabase.NewSchema("store"));
        await MartenComputeStore.MigrateAsync(_documents);
        Store = new MartenComputeStore(_documents);
    }

    public async Task DisposeAsync()
    {
        if (_documents is not null)
        {
            await _documents.Advanced.Clean.CompletelyRemoveAllAsync();
            _documents.Dispose();
        }
    }
}
