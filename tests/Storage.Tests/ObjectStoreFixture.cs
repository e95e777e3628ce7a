using Microsoft.Extensions.Time.Testing;
using StandardsCloud.Storage.Marten;
using StandardsCloud.Storage.Ports;
using StandardsCloud.Storage.Values;
using StandardsCloud.TestKit;

namespace StandardsCloud.Storage.Tests;

/// <summary>An object store over real PostgreSQL (a schema of its own) and a temporary value directory.</summary>
public sealed class ObjectStoreFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _values = new("objects");
    private MartenObjectCatalog? _catalog;
    private readonly string _schema = TestDatabase.NewSchema("objects");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public string ValueDirectory => _values.Path;

    /// <summary>The catalog under every store this fixture makes.</summary>
    public IObjectCatalog Catalog => _catalog!;

    public ObjectStore Store(bool createParents = false, IContainerExports? exports = null) =>
        new(_catalog!, new FileValueStore(_values.Path), new StorageOptions { ValueDirectory = _values.Path, CreateParents = createParents, MaxValueBytes = 1 << 20 }, Time, exports);

    /// <summary>Takes a property out of a stored record's JSON, as records written before it existed lack it.</summary>
    public async Task RemoveRecordPropertyAsync(string id, string property)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"update {_schema}.mt_doc_cdmi_object set data = data - @property where id = @id", connection);
        command.Parameters.AddWithValue("property", property);
        command.Parameters.AddWithValue("id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public async Task InitializeAsync()
    {
        var documents = MartenObjectCatalog.Create(TestDatabase.ConnectionString, _schema);
        await documents.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _catalog = new MartenObjectCatalog(documents);
        await Store().EnsureRootAsync(default);
    }

    public async Task DisposeAsync()
    {
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }

        _values.Dispose();
    }
}
