using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Reconciliation;

public sealed class StateReportTests
{
    private static ObservedHost Host(
        IReadOnlyList<DesiredDomain> desired,
        IEnumerable<ActualDomain> actual,
        IEnumerable<DomainFailure>? failures = null,
        IEnumerable<string>? busy = null,
        IReadOnlyDictionary<string, DateTimeOffset>? asked = null) => new(
            desired,
            actual.ToDictionary(a => a.InstanceId),
            (failures ?? []).ToDictionary(f => f.Desired.InstanceId),
            (busy ?? []).ToHashSet(),
            asked ?? new Dictionary<string, DateTimeOffset>(),
            DateTimeOffset.UnixEpoch);

    [Fact]
    public void Build_MixedHost_ReportsEachDomainOnce()
    {
        var failed = Desired.Domain("f");
        var host = Host(
            [Desired.Domain("run"), Desired.Domain("prep"), Desired.Domain("miss"), failed, Desired.Domain("down", DesiredPower.ShutOff)],
            [new ActualDomain("run", VirtDomainState.Running, 0, 1, 256), new ActualDomain("down", VirtDomainState.Running, 0, 1, 256),
             new ActualDomain("old", VirtDomainState.Paused, 0, 1, 256)],
            failures: [new DomainFailure(failed, "image img-1: SHA-1 is a, expected b")],
            busy: ["prep"],
            asked: new Dictionary<string, DateTimeOffset> { ["down"] = DateTimeOffset.UnixEpoch });

        var report = StateReport.Build(host).ToDictionary(r => r.InstanceId);

        Assert.Equal(DomainState.Running, report["run"].State);
        Assert.Equal(DomainState.Preparing, report["prep"].State);
        Assert.Equal(DomainState.Missing, report["miss"].State);
        Assert.Equal(DomainState.Failed, report["f"].State);
        Assert.Contains("SHA-1", report["f"].Reason, StringComparison.Ordinal);
        Assert.Equal(DomainState.ShuttingDown, report["down"].State);
        Assert.Equal(DomainState.Paused, report["old"].State);
        Assert.Equal(6, report.Count);
    }

    [Fact]
    public void Build_AttachedVolumes_FromWhatEachDomainHolds_NoneForAMissingOne()
    {
        var (v1, v2) = (Desired.VolumeId(1), Desired.VolumeId(2));
        var host = Host(
            [Desired.Domain("run"), Desired.Domain("miss")],
            [new ActualDomain("run", VirtDomainState.Running, 0, 1, 256, [new(v2, true, true), new(v1, false, true)]),
             new ActualDomain("old", VirtDomainState.ShutOff, 0, 1, 256, [new(v1, true, true)])]);

        var report = StateReport.Build(host).ToDictionary(r => r.InstanceId);

        Assert.Equal([v1, v2], report["run"].AttachedVolumes);
        Assert.Equal([], report["miss"].AttachedVolumes);
        Assert.Equal([v1], report["old"].AttachedVolumes);
    }

    [Fact]
    public void Same_EqualContentInNewLists_IsSame_OtherVolumes_AreNot()
    {
        var a = new DomainReport("run", DomainState.Running, null, [Desired.VolumeId(1)]);
        var b = a with { AttachedVolumes = [Desired.VolumeId(1)] };

        Assert.True(StateReport.Same([a], [b]));
        Assert.False(StateReport.Same([a], [a with { AttachedVolumes = [] }]));
        Assert.False(StateReport.Same([a], [a with { State = DomainState.Paused }]));
        Assert.False(StateReport.Same([a], []));
    }
}
