using Marten;
using StandardsCloud.Marketplace.Entries;
using StandardsCloud.TestKit;

namespace StandardsCloud.Marketplace.Tests;

public sealed class MarketplaceStoreTests
{
    [Fact]
    public async Task MigrateAsync_EntryStoredBeforeSearchByWords_FoundByItsWords()
    {
        var schema = TestDatabase.NewSchema("market_words");
        using var documents = MarketplaceStore.Create(TestDatabase.ConnectionString, schema);
        await MarketplaceStore.MigrateAsync(documents);
        try
        {
            await using (var session = documents.LightweightSession())
            {
                session.Insert(new MarketplaceEntry { Id = "old", Identifier = "old", Email = "old@example.org", Title = "Scientific Linux worker", IsLatest = true });
                await session.SaveChangesAsync();
                // As an entry stored before entries carried their words.
                session.QueueSqlCommand($"update {schema}.mt_doc_marketplaceentry set search_words = null, data = data - 'SearchWords'");
                await session.SaveChangesAsync();
            }

            await MarketplaceStore.MigrateAsync(documents);

            var found = await new MarketplaceStore(documents).QueryAsync(new EntryQuery { Text = "scientific WORKER" }, DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.Equal("old", Assert.Single(found).Id);
        }
        finally
        {
            await documents.Advanced.Clean.CompletelyRemoveAllAsync();
        }
    }
}
