using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Reconciliation;

/// <summary>Disk saves: when the reconciler plans them, and how the report carries their ends.</summary>
public sealed class SavePlanTests
{
    private static readonly DiskSave Hot = new("ami-00000000000000001", "/saved/ami-00000000000000001.img", Deferred: false);
    private static readonly DiskSave Deferred = new("ami-00000000000000002", "/saved/ami-00000000000000002.img", Deferred: true);

    private static ObservedHost Host(DesiredDomain desired, VirtDomainState? state, IReadOnlyDictionary<string, SavedDisk>? saved = null) => new(
        [desired],
        state is { } s ? new Dictionary<string, ActualDomain> { [desired.InstanceId] = new(desired.InstanceId, s, 0, 1, 256) } : [],
        new Dictionary<string, DomainFailure>(),
        new HashSet<string>(),
        new Dictionary<string, DateTimeOffset>(),
        DateTimeOffset.UnixEpoch,
        Saved: saved);

    private static List<(ActionKind, string?)> Steps(ReconcilePlan plan) => [.. plan.Actions.Select(a => (a.Kind, a.ImageId))];

    [Fact]
    public void HotSave_RunningDomain_SavedAtOnce()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host(Desired.Domain("a") with { Saves = [Hot] }, VirtDomainState.Running));

        Assert.Equal([(ActionKind.SaveDisk, Hot.ImageId)], Steps(plan));
    }

    [Fact]
    public void DeferredSave_RunningDomain_Waits()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host(Desired.Domain("a") with { Saves = [Deferred] }, VirtDomainState.Running));

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void DeferredSave_DomainShutOffAndAskedToRun_SavedBeforeItStarts()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host(Desired.Domain("a") with { Saves = [Deferred] }, VirtDomainState.ShutOff));

        Assert.Equal([(ActionKind.SaveDisk, Deferred.ImageId), (ActionKind.Start, null)], Steps(plan));
    }

    [Fact]
    public void Save_DomainNotDefinedYet_WaitsForTheDefinition()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host(Desired.Domain("a") with { Saves = [Hot] }, state: null));

        Assert.Equal([(ActionKind.Define, null), (ActionKind.Start, null)], Steps(plan));
    }

    [Fact]
    public void Save_AlreadyEnded_NotPlannedAgain()
    {
        var ended = new Dictionary<string, SavedDisk> { [Hot.ImageId] = new(Hot.ImageId, null, 0, "disk full") };

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host(Desired.Domain("a") with { Saves = [Hot] }, VirtDomainState.Running, ended));

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Report_CarriesTheEndedSavesTheEntryStillAsksFor_AndTheyMakeItDiffer()
    {
        var desired = Desired.Domain("a") with { Saves = [Hot, Deferred] };
        var done = new SavedDisk(Hot.ImageId, new string('a', 40), 4096);
        var stale = new SavedDisk("ami-00000000000000009", new string('b', 40), 1);

        var before = StateReport.Build(Host(desired, VirtDomainState.Running));
        var after = StateReport.Build(Host(desired, VirtDomainState.Running, new Dictionary<string, SavedDisk> { [Hot.ImageId] = done, [stale.ImageId] = stale }));

        Assert.Null(before.Single().Saved);
        Assert.Equal([done], after.Single().Saved!);
        Assert.False(StateReport.Same(before, after));
    }
}
