using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Marten.Tests.Volumes;

/// <summary>Volumes are written with optimistic concurrency: a stale write fails instead of undoing another.</summary>
public sealed class VolumeConcurrencyTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task StaleVolumeWrite_Conflict()
    {
        var volume = (await core.Volumes.CreateAsync(CoreFixture.NewUser("alice"), new VolumeRequest(1), default)).Value!;
        await using var first = core.Store.OpenSession();
        await using var second = core.Store.OpenSession();
        var a = (await first.LoadAsync<Volume>(volume.Id, default))!;
        var b = (await second.QueryAsync<Volume>(v => v.Id == volume.Id, default)).Single();

        a.Name = "first";
        first.Store(a);
        Assert.Equal(ComputeStatus.Ok, await first.SaveAsync(default));
        b.Name = "second";
        second.Store(b);
        Assert.Equal(ComputeStatus.Conflict, await second.SaveAsync(default));
    }

    [Fact]
    public async Task AttachesToOneInstance_FromTwoServerProcessesAtOnce_NeverShareADevice()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice);
        var volumes = new List<Volume>();
        for (var i = 0; i < 8; i++)
        {
            volumes.Add((await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!);
        }

        var replica = core.ReplicaVolumes();
        var outcomes = await Task.WhenAll(volumes.Select((v, i) => (i % 2 == 0 ? core.Volumes : replica).AttachAsync(alice, v.Id, instance.Id, null, null, default)));

        Assert.All(outcomes, o => Assert.True(o.IsOk, o.Reason));
        var attachments = (await core.Volumes.ListAsync(alice, new VolumeQuery { InstanceId = instance.Id }, default)).Select(v => Assert.Single(v.Attachments)).ToList();
        Assert.Equal(8, attachments.Count);
        Assert.Equal(8, attachments.Select(a => a.Target).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(8, attachments.Select(a => a.Device).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task StoreLock_HeldByOneProcess_ASecondReadsOnlyAfterTheFirstSaved()
    {
        var volume = (await core.Volumes.CreateAsync(CoreFixture.NewUser("alice"), new VolumeRequest(1), default)).Value!;
        var key = "test-lock:" + volume.Id;
        await using var first = core.Store.OpenSession();
        await first.LockAsync(key, default);

        var second = Task.Run(async () =>
        {
            await using var session = core.ReplicaStore().OpenSession();
            await session.LockAsync(key, default);
            return (await session.LoadAsync<Volume>(volume.Id, default))!.Name;
        });
        await Task.Delay(200);
        var mine = (await first.LoadAsync<Volume>(volume.Id, default))!;
        mine.Name = "written under the lock";
        first.Store(mine);
        Assert.Equal(ComputeStatus.Ok, await first.SaveAsync(default));

        Assert.Equal("written under the lock", await second);
    }

    [Fact]
    public async Task ReadWriteVolume_AttachedToTwoInstancesAtOnce_OnlyOneWins()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        var instances = new[] { await core.LaunchAsync(alice), await core.LaunchAsync(alice), await core.LaunchAsync(alice) };

        var outcomes = await Task.WhenAll(instances.Select(i => core.Volumes.AttachAsync(alice, volume.Id, i.Id, null, null, default)));

        Assert.Single(outcomes, o => o.IsOk);
        Assert.All(outcomes.Where(o => !o.IsOk), o => Assert.Equal(ComputeStatus.IncorrectState, o.Status));
        Assert.Single((await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments);
    }
}
