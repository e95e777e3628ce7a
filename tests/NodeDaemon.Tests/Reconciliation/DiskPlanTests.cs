using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Reconciliation;

public sealed class DiskPlanTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string V1 = Desired.VolumeId(1);
    private static readonly string V2 = Desired.VolumeId(2);

    private static DesiredDomain Wanting(DesiredPower power, params int[] volumes) =>
        Desired.Domain("a", power) with { Disks = volumes.Select(n => Desired.FileDisk(n, "vd" + (char)('a' + n))).ToList() };

    private static ActualDomain Holding(VirtDomainState state, params ActualDisk[] disks) => new("a", state, 0, 1, 256, disks);

    private static ReconcilePlan Plan(DesiredDomain desired, ActualDomain actual, IReadOnlyDictionary<DiskKey, DateTimeOffset>? asked = null) =>
        new Reconciler(TimeSpan.Zero).Plan(new ObservedHost(
            [desired],
            new Dictionary<string, ActualDomain> { [actual.InstanceId] = actual },
            new Dictionary<string, DomainFailure>(),
            new HashSet<string>(),
            new Dictionary<string, DateTimeOffset>(),
            Now,
            asked));

    private static List<(ActionKind, string?)> Steps(ReconcilePlan plan) => plan.Actions.Select(a => (a.Kind, a.VolumeId)).ToList();

    [Fact]
    public void Plan_RunningDomainMissingADesiredVolume_AttachesIt()
    {
        var plan = Plan(Wanting(DesiredPower.Running, 1), Holding(VirtDomainState.Running));

        Assert.Equal([(ActionKind.AttachDisk, V1)], Steps(plan));
        Assert.Equal(V1, plan.Actions[0].Desired!.Disks!.Single().VolumeId);
    }

    [Fact]
    public void Plan_DomainHoldsWhatIsDesired_IsEmpty()
    {
        var plan = Plan(Wanting(DesiredPower.Running, 1, 2), Holding(VirtDomainState.Running, new ActualDisk(V1, true, true), new ActualDisk(V2, true, true)));

        Assert.Empty(plan.Actions);
        Assert.Null(plan.WakeAt);
    }

    [Fact]
    public void Plan_VolumeNoLongerDesired_DetachesIt()
    {
        var plan = Plan(Wanting(DesiredPower.Running, 2), Holding(VirtDomainState.Running, new ActualDisk(V1, true, true), new ActualDisk(V2, true, true)));

        Assert.Equal([(ActionKind.DetachDisk, V1)], Steps(plan));
    }

    [Fact]
    public void Plan_SwapOfVolumes_DetachesBeforeAttaching()
    {
        var plan = Plan(Wanting(DesiredPower.Running, 2), Holding(VirtDomainState.Running, new ActualDisk(V1, true, true)));

        Assert.Equal([(ActionKind.DetachDisk, V1), (ActionKind.AttachDisk, V2)], Steps(plan));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Plan_DesiredVolumeOnlyHalfAttached_AttachesAgain(bool persistent, bool live)
    {
        var plan = Plan(Wanting(DesiredPower.Running, 1), Holding(VirtDomainState.Running, new ActualDisk(V1, persistent, live)));

        Assert.Equal([(ActionKind.AttachDisk, V1)], Steps(plan));
    }

    [Fact]
    public void Plan_DetachTheGuestHasNotFinished_WaitsThenAsksAgain()
    {
        var desired = Wanting(DesiredPower.Running);
        var stillLive = Holding(VirtDomainState.Running, new ActualDisk(V1, Persistent: false, Live: true));
        var asked = new Dictionary<DiskKey, DateTimeOffset> { [new("a", V1)] = Now - TimeSpan.FromSeconds(1) };

        var waiting = Plan(desired, stillLive, asked);
        Assert.Empty(waiting.Actions);
        Assert.Equal(Now - TimeSpan.FromSeconds(1) + Reconciler.DiskRetry, waiting.WakeAt);

        asked[new("a", V1)] = Now - Reconciler.DiskRetry;
        Assert.Equal([(ActionKind.DetachDisk, V1)], Steps(Plan(desired, stillLive, asked)));
    }

    [Fact]
    public void Plan_ShutOffDomainToStartWithANewVolume_AttachesBeforeStarting()
    {
        var plan = Plan(Wanting(DesiredPower.Running, 1), Holding(VirtDomainState.ShutOff));

        Assert.Equal([(ActionKind.AttachDisk, V1), (ActionKind.Start, null)], Steps(plan));
    }

    [Fact]
    public void Plan_ShutOffDomainResizedAndGivenAVolume_ResizesThenAttaches()
    {
        var plan = Plan(Wanting(DesiredPower.ShutOff, 1) with { Cpus = 2 }, Holding(VirtDomainState.ShutOff));

        Assert.Equal([(ActionKind.Resize, null), (ActionKind.AttachDisk, V1)], Steps(plan));
    }

    [Fact]
    public void Plan_DiskRetryAndShutdownGrace_WakesAtTheEarlier()
    {
        var desired = Wanting(DesiredPower.ShutOff);
        var actual = Holding(VirtDomainState.Running, new ActualDisk(V1, false, true));
        var asked = new Dictionary<DiskKey, DateTimeOffset> { [new("a", V1)] = Now };
        var host = new ObservedHost(
            [desired],
            new Dictionary<string, ActualDomain> { ["a"] = actual },
            new Dictionary<string, DomainFailure>(),
            new HashSet<string>(),
            new Dictionary<string, DateTimeOffset> { ["a"] = Now },
            Now,
            asked);

        var plan = new Reconciler(TimeSpan.FromMinutes(1)).Plan(host);

        Assert.Empty(plan.Actions);
        Assert.Equal(Now + Reconciler.DiskRetry, plan.WakeAt);
    }

    [Fact]
    public void Plan_FailedEntryArrivingAgainAsANewObject_StillWaits()
    {
        var failed = Wanting(DesiredPower.Running, 1);
        var again = failed with { Disks = failed.Disks!.ToList(), Context = null };
        var host = new ObservedHost(
            [again],
            new Dictionary<string, ActualDomain>(),
            new Dictionary<string, DomainFailure> { ["a"] = new(failed, "image missing") },
            new HashSet<string>(),
            new Dictionary<string, DateTimeOffset>(),
            Now);

        Assert.Empty(new Reconciler(TimeSpan.Zero).Plan(host).Actions);
        Assert.NotEqual(failed, again);
    }
}
