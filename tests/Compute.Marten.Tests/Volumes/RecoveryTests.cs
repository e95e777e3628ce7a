using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Marten.Tests.Volumes;

/// <summary>The pass run at server start finishes what a crash left half done, once.</summary>
public sealed class RecoveryTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task Recover_FinishesCreatingDeletingAndPending_ThenFindsNothingMore()
    {
        var alice = CoreFixture.NewUser("alice");
        var deleting = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        var snapshotOf = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        var creating = new Volume { Id = ResourceIds.NewVolumeId(), Owner = alice.UserId, SizeGiB = 2, State = VolumeState.Creating };
        var pending = new Snapshot { Id = ResourceIds.NewSnapshotId(), Owner = alice.UserId, VolumeId = snapshotOf.Id, SizeGiB = 1, State = SnapshotState.Pending };
        await using (var session = core.Store.OpenSession())
        {
            // As a crash leaves them: the intent saved, the backend never called.
            var stale = (await session.LoadAsync<Volume>(deleting.Id, default))!;
            stale.State = VolumeState.Deleting;
            session.Store(stale);
            session.Insert(creating);
            session.Insert(pending);
            Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
        }

        Assert.Equal(3, await core.Volumes.RecoverAsync(default));

        Assert.Equal(VolumeState.Available, (await core.Volumes.GetAsync(alice, creating.Id, default)).Value!.State);
        Assert.Equal(2, core.Backend.Volumes[creating.Id]);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.GetAsync(alice, deleting.Id, default)).Status);
        Assert.False(core.Backend.Volumes.ContainsKey(deleting.Id));
        Assert.Equal(SnapshotState.Completed, (await core.Volumes.GetSnapshotAsync(alice, pending.Id, default)).Value!.State);
        Assert.Equal(0, await core.Volumes.RecoverAsync(default));
    }
}
