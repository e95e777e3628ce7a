using Marten;
using StandardsCloud.Compute.SecurityGroups;

namespace StandardsCloud.Compute.Marten.Tests.SecurityGroups;

/// <summary>Rule descriptions in PostgreSQL, and groups stored before rules had them.</summary>
public sealed class RuleDescriptionStorageTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly SecurityGroupService _groups = new(fixture.Store, TimeProvider.System);

    private static Actor NewUser() => new("notes-" + Guid.NewGuid().ToString("N")[..8], IsAdmin: false, Via: "api");

    [Fact]
    public async Task Authorize_WithDescription_StoredAndReadBack_UpdatedInPlace()
    {
        var alice = NewUser();
        var web = (await _groups.CreateAsync(alice, "web", "web servers", default)).Value!;
        var rule = new IngressRule("tcp", 22, 22, "192.0.2.9/24", null) { Description = "office" };

        Assert.True((await _groups.AuthorizeAsync(alice, web, [rule], default)).IsOk);
        var duplicate = await _groups.AuthorizeAsync(alice, web, [rule with { Description = "other", CidrIp = "192.0.2.0/24" }], default);
        Assert.Equal(ComputeStatus.Duplicate, duplicate.Status);

        var stored = Assert.Single((await _groups.FindAsync(alice, web.Id, null, default))!.Rules);
        Assert.Equal(("192.0.2.0/24", "office"), (stored.CidrIp, stored.Description));

        Assert.True((await _groups.DescribeRulesAsync(alice, web, [stored with { Description = "renamed" }], default)).IsOk);
        Assert.Equal("renamed", Assert.Single((await _groups.FindAsync(alice, web.Id, null, default))!.Rules).Description);
        var missing = await _groups.DescribeRulesAsync(alice, web, [stored with { FromPort = 23, ToPort = 23 }], default);
        Assert.Equal(ComputeStatus.NotFound, missing.Status);
    }

    [Fact]
    public async Task GroupStoredBeforeDescriptions_LoadsWithNone_AndItsRuleRevokes()
    {
        var alice = NewUser();
        var old = (await _groups.CreateAsync(alice, "old", "from before", default)).Value!;
        Assert.True((await _groups.AuthorizeAsync(alice, old, [new IngressRule("tcp", 80, 80, "10.0.0.0/8", null) { Description = "gone" }], default)).IsOk);
        await StripDescriptionsAndStoreHostBitsAsync(old.Id, "10.0.0.1/8");

        var loaded = Assert.Single((await _groups.FindAsync(alice, old.Id, null, default))!.Rules);
        Assert.Equal(new IngressRule("tcp", 80, 80, "10.0.0.1/8", null), loaded);
        Assert.Null(loaded.Description);

        Assert.True((await _groups.RevokeAsync(alice, old, [new IngressRule("tcp", 80, 80, "10.0.0.0/8", null)], default)).IsOk);
        Assert.Empty((await _groups.FindAsync(alice, old.Id, null, default))!.Rules);
    }

    // The shape earlier versions wrote: rules without a Description member, CIDRs as given.
    private async Task StripDescriptionsAndStoreHostBitsAsync(string groupId, string cidr)
    {
        var table = ((IDocumentStore)fixture.Documents).Options.FindOrResolveDocumentType(typeof(SecurityGroup)).TableName.QualifiedName;
        await using var session = fixture.Documents.LightweightSession();
        session.QueueSqlCommand(
            $"update {table} set data = jsonb_set(data, '{{Rules}}', " +
            "(select jsonb_agg((r - 'Description') || jsonb_build_object('CidrIp', ?::text)) from jsonb_array_elements(data -> 'Rules') as r)) where id = ?",
            cidr, groupId);
        await session.SaveChangesAsync();
    }
}
