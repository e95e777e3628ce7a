using StandardsCloud.TestKit;

namespace StandardsCloud.Compute.Marten.Tests;

public sealed class PostgresLeadershipTests
{
    [Fact]
    public async Task TryLead_TwoReplicas_OneLeadsUntilItGoes()
    {
        var schema = TestDatabase.NewSchema("leader");
        var first = new PostgresLeadership(TestDatabase.ConnectionString, schema);
        await using var second = new PostgresLeadership(TestDatabase.ConnectionString, schema);

        Assert.True(await first.TryLeadAsync(default));
        Assert.True(await first.TryLeadAsync(default));
        Assert.False(await second.TryLeadAsync(default));

        await first.DisposeAsync();
        Assert.True(await second.TryLeadAsync(default));
    }

    [Fact]
    public async Task TryLead_OtherSchema_Independent()
    {
        await using var a = new PostgresLeadership(TestDatabase.ConnectionString, TestDatabase.NewSchema("leader"));
        await using var b = new PostgresLeadership(TestDatabase.ConnectionString, TestDatabase.NewSchema("leader"));
        Assert.True(await a.TryLeadAsync(default));
        Assert.True(await b.TryLeadAsync(default));
    }
}
