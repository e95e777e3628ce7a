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
    public async Task ReadWriteVolume_AttachedToTwoInstancesAtOnce_OnlyOneWins()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        var instances = new[] { await core.LaunchAsync(alice), await core.LaunchAsync(alice), await core.LaunchAsync(alice) };

        var outcomes = await Task.WhenAll(instances.Select(i => core.Volumes.AttachAsync(alice, volume.Id, i.Id, null, default)));

        Assert.Single(outcomes, o => o.IsOk);
        Assert.All(outcomes.Where(o => !o.IsOk), o => Assert.Equal(ComputeStatus.IncorrectState, o.Status));
        Assert.Single((await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments);
    }
}
