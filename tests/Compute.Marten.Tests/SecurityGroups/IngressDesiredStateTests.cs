using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Marten.Tests.Volumes;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Marten.Tests.SecurityGroups;

/// <summary>What hosts are told of their guests' security groups: the flat inbound rules, and that any change to them changes the desired state.</summary>
public sealed class IngressDesiredStateTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    private readonly SecurityGroupService _groups = new(core.Store, TimeProvider.System);

    [Fact]
    public async Task DefaultGroupWithoutRules_HostToldToAllowNothing()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice);
        var host = await core.PlaceRunningAsync(instance);

        var domain = Assert.Single((await core.SyncAsync(host)).Domains);

        Assert.NotNull(domain.Ingress);
        Assert.Empty(domain.Ingress);
    }

    [Fact]
    public async Task RuleAuthorisedAndRevoked_OnARunningInstance_ReachesItsHostAndChangesTheHash()
    {
        var alice = CoreFixture.NewUser("alice");
        var web = (await _groups.CreateAsync(alice, "web", "web servers", default)).Value!;
        var instance = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", SecurityGroupIds: [web.Id]));
        var host = await core.PlaceRunningAsync(instance);
        var before = await core.SyncAsync(host);

        var rule = new IngressRule("tcp", 80, 443, "192.0.2.0/24", null);
        Assert.True((await _groups.AuthorizeAsync(alice, web, [rule], default)).IsOk);
        var after = await core.SyncAsync(host);

        Assert.Equal([new InboundRule("tcp", 80, 443, "192.0.2.0/24")], after.Domains[0].Ingress);
        Assert.NotEqual(before.DesiredHash, after.DesiredHash);

        Assert.True((await _groups.RevokeAsync(alice, web, [rule], default)).IsOk);
        var revoked = await core.SyncAsync(host);
        Assert.Empty(revoked.Domains[0].Ingress!);
        Assert.Equal(before.DesiredHash, revoked.DesiredHash);
    }

    [Fact]
    public async Task GroupSource_ResolvedToTheMembersAddresses_AndFollowsMembership()
    {
        var alice = CoreFixture.NewUser("alice");
        var app = (await _groups.CreateAsync(alice, "app", "application", default)).Value!;
        var db = (await _groups.CreateAsync(alice, "db", "database", default)).Value!;
        Assert.True((await _groups.AuthorizeAsync(alice, db, [new IngressRule("tcp", 5432, 5432, null, app.Id)], default)).IsOk);
        var database = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", SecurityGroupIds: [db.Id]));
        var host = await core.PlaceRunningAsync(database);
        var alone = await core.SyncAsync(host);
        Assert.Empty(alone.Domains[0].Ingress!);

        var worker = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", SecurityGroupIds: [app.Id]));
        var joined = await core.SyncAsync(host);
        Assert.Equal([new InboundRule("tcp", 5432, 5432, worker.PrivateAddress + "/32")], joined.Domains[0].Ingress);
        Assert.NotEqual(alone.DesiredHash, joined.DesiredHash);

        var address = (await core.Addresses.AllocateAsync(alice, "standard", default)).Value!;
        Assert.True((await core.Addresses.AssociateAsync(alice, address.Id, worker.Id, default)).IsOk);
        var withPublic = await core.SyncAsync(host);
        Assert.Equal(
            new[] { worker.PrivateAddress + "/32", address.PublicIp + "/32" }.Order(StringComparer.Ordinal),
            withPublic.Domains[0].Ingress!.Select(r => r.SourceCidr));

        Assert.True((await core.Instances.TerminateAsync(alice, worker.Id, default)).IsOk);
        var left = await core.SyncAsync(host);
        Assert.Empty(left.Domains[0].Ingress!);
    }

    [Fact]
    public async Task GroupSourceOfAnotherOwner_AdmitsThatOwnersMembersAsAnOwnGroupWould()
    {
        var alice = CoreFixture.NewUser("alice");
        var bob = CoreFixture.NewUser("bob");
        var db = (await _groups.CreateAsync(alice, "db", "database", default)).Value!;
        var app = (await _groups.CreateAsync(bob, "app", "bob's application", default)).Value!;
        Assert.True((await _groups.AuthorizeAsync(alice, db, [new IngressRule("tcp", 5432, 5432, null, app.Id)], default)).IsOk);
        var database = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", SecurityGroupIds: [db.Id]));
        var host = await core.PlaceRunningAsync(database);

        var worker = await core.LaunchAsync(bob, new LaunchRequest(core.ImageId, "t1.micro", SecurityGroupIds: [app.Id]));
        var joined = await core.SyncAsync(host);
        Assert.Equal([new InboundRule("tcp", 5432, 5432, worker.PrivateAddress + "/32")], joined.Domains[0].Ingress);

        // Nobody else's instance joins bob's group, so nobody else gets in through alice's rule.
        var carol = CoreFixture.NewUser("carol");
        var intruder = await core.Instances.LaunchAsync(carol, new LaunchRequest(core.ImageId, "t1.micro", SecurityGroupIds: [app.Id]), default);
        Assert.Equal(ComputeStatus.NotFound, intruder.Status);

        Assert.True((await core.Instances.TerminateAsync(bob, worker.Id, default)).IsOk);
        Assert.Empty((await core.SyncAsync(host)).Domains[0].Ingress!);
    }

    [Fact]
    public async Task SourceGroupOfAnotherOwner_DeletedByItsOwner_RuleAdmitsNobodyAndCanBeRevoked()
    {
        var alice = CoreFixture.NewUser("alice");
        var bob = CoreFixture.NewUser("bob");
        var db = (await _groups.CreateAsync(alice, "db", "database", default)).Value!;
        var app = (await _groups.CreateAsync(bob, "app", "bob's application", default)).Value!;
        var rule = new IngressRule("tcp", 5432, 5432, null, app.Id);
        Assert.True((await _groups.AuthorizeAsync(alice, db, [rule], default)).IsOk);

        Assert.True((await _groups.DeleteAsync(bob, app, default)).IsOk);
        Assert.Equal(ComputeStatus.NotFound, (await _groups.AuthorizeAsync(alice, db, [rule with { FromPort = 5433, ToPort = 5433 }], default)).Status);
        Assert.True((await _groups.RevokeAsync(alice, db, [rule], default)).IsOk);
        Assert.Empty((await _groups.FindAsync(alice, db.Id, null, default))!.Rules);
    }

    [Fact]
    public async Task Sources_OfAnyOwner_OnlyIdOwnerAndName()
    {
        var bob = CoreFixture.NewUser("bob");
        var app = (await _groups.CreateAsync(bob, "app-" + Guid.NewGuid().ToString("N")[..6], "bob's application", default)).Value!;

        Assert.Equal([new SourceGroup(app.Id, bob.UserId, app.Name)], await _groups.SourcesAsync([app.Id, "sg-0123456789abcdef0"], default));
        Assert.Equal([new SourceGroup(app.Id, bob.UserId, app.Name)], await _groups.SourcesNamedAsync(app.Name, default));
    }

    [Fact]
    public async Task Authorize_SourceGroupThatDoesNotExist_NotFound()
    {
        var alice = CoreFixture.NewUser("alice");
        var db = (await _groups.CreateAsync(alice, "db", "database", default)).Value!;

        var refused = await _groups.AuthorizeAsync(alice, db, [new IngressRule("tcp", 1, 2, null, "sg-0123456789abcdef0")], default);

        Assert.Equal(ComputeStatus.NotFound, refused.Status);
    }

    [Fact]
    public async Task Authorize_BeyondTheRuleLimit_Refused()
    {
        var alice = CoreFixture.NewUser("alice");
        var big = (await _groups.CreateAsync(alice, "big", "many rules", default)).Value!;
        var rules = Enumerable.Range(1, SecurityGroupService.MaxRules).Select(p => new IngressRule("tcp", p, p, "0.0.0.0/0", null)).ToList();
        Assert.True((await _groups.AuthorizeAsync(alice, big, rules, default)).IsOk);

        var refused = await _groups.AuthorizeAsync(alice, big, [new IngressRule("udp", 53, 53, "0.0.0.0/0", null)], default);

        Assert.Equal(ComputeStatus.InvalidParameter, refused.Status);
        Assert.Equal(SecurityGroupService.MaxRules, (await _groups.FindAsync(alice, big.Id, null, default))!.Rules.Count);
    }
}
