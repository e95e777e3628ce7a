using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Tests.Volumes;

/// <summary>Volumes that back a storage container's export: only the instances it names attach them.</summary>
public sealed class VolumeExportRulesTests
{
    private static readonly EventContext Ctx = new("alice", "cdmi", DateTimeOffset.UnixEpoch);

    private static Instance Pending(string owner = "alice") => new() { Id = ResourceIds.NewInstanceId(), Owner = owner, State = InstanceState.Pending, Intent = InstanceIntent.Run };

    private static Volume Exported(params string[] computes) => new()
    {
        Id = ResourceIds.NewVolumeId(),
        Owner = "alice",
        SizeGiB = 1,
        State = VolumeState.Available,
        Export = new VolumeExport { ContainerId = "0000706D0010ABCDEF", Computes = [.. computes] },
    };

    [Fact]
    public void Attach_InstanceTheExportNames_Attaches()
    {
        var instance = Pending("bob");

        Assert.True(VolumeRules.Attach(Exported(instance.Id), instance, null, [], false, Ctx).IsOk);
    }

    [Fact]
    public void Attach_InstanceTheExportDoesNotName_ForbiddenNamingTheExport()
    {
        var decided = VolumeRules.Attach(Exported(ResourceIds.NewInstanceId()), Pending(), null, [], false, Ctx);

        Assert.Equal(ComputeStatus.Forbidden, decided.Status);
        Assert.Contains("export of storage container 0000706D0010ABCDEF", decided.Reason);
    }

    [Fact]
    public void Attach_VolumeWithoutExport_NotJudgedByPermissions() =>
        Assert.Null(VolumeExportRules.Refusal(new Volume { Id = ResourceIds.NewVolumeId(), Owner = "alice" }, ResourceIds.NewInstanceId()));

    [Fact]
    public void SetComputes_NewList_RecordedOnce_SameListRecordsNothing()
    {
        var volume = Exported("i-0123456789abcdef0");

        var changed = VolumeExportRules.SetComputes(volume, ["i-0123456789abcdef1", "i-0123456789abcdef1"], Ctx);
        var again = VolumeExportRules.SetComputes(volume, ["i-0123456789abcdef1"], Ctx);

        Assert.Equal(["i-0123456789abcdef1"], Assert.IsType<VolumeExportChanged>(Assert.Single(changed.Value!)).Computes);
        Assert.Equal(["i-0123456789abcdef1"], volume.Export!.Computes);
        Assert.Empty(again.Value!);
    }

    [Fact]
    public void SetComputes_LeavingOutAnInstanceThatHoldsIt_Refused()
    {
        var instance = Pending();
        var volume = Exported(instance.Id);
        VolumeRules.Attach(volume, instance, null, [], false, Ctx);

        var decided = VolumeExportRules.SetComputes(volume, [], Ctx);

        Assert.Equal(ComputeStatus.IncorrectState, decided.Status);
        Assert.Equal([instance.Id], volume.Export!.Computes);
    }

    [Fact]
    public void Unexport_Attached_Refused_Available_GoesToDeleting()
    {
        var instance = Pending();
        var held = Exported(instance.Id);
        VolumeRules.Attach(held, instance, null, [], false, Ctx);
        var free = Exported();

        var refused = VolumeExportRules.Unexport(held, Ctx);
        var deleting = VolumeExportRules.Unexport(free, Ctx);

        Assert.Equal(ComputeStatus.IncorrectState, refused.Status);
        Assert.Contains(instance.Id, refused.Reason);
        Assert.Equal(VolumeState.Deleting, Assert.IsType<VolumeStateChanged>(Assert.Single(deleting.Value!)).To);
    }

    [Theory]
    [InlineData("i-0123456789abcdef0", true)]
    [InlineData("0", false)]
    [InlineData("i-0123", false)]
    public void ComputesProblem_OnlyInstanceIds(string id, bool fine) => Assert.Equal(fine, VolumeExportRules.ComputesProblem([id]) is null);
}
