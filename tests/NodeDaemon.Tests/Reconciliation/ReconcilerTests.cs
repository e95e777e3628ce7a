using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ObservedHost Host(
        IReadOnlyList<DesiredDomain> desired,
        IEnumerable<ActualDomain>? actual = null,
        IEnumerable<DomainFailure>? failures = null,
        IEnumerable<string>? busy = null,
        IReadOnlyDictionary<string, DateTimeOffset>? shutdownAskedAt = null,
        DateTimeOffset? now = null) => new(
            desired,
            (actual ?? []).ToDictionary(a => a.InstanceId),
            (failures ?? []).ToDictionary(f => f.Desired.InstanceId),
            (busy ?? []).ToHashSet(),
            shutdownAskedAt ?? new Dictionary<string, DateTimeOffset>(),
            now ?? Now);

    // The default size is the one Desired.Domain asks for.
    private static ActualDomain Actual(string id, VirtDomainState state, int generation = 0, int cpus = 1, long memoryMiB = 256) =>
        new(id, state, generation, cpus, memoryMiB);

    private static List<(ActionKind, string)> Steps(ReconcilePlan plan) =>
        plan.Actions.Select(a => (a.Kind, a.InstanceId)).ToList();

    [Fact]
    public void Plan_MissingRunningDomain_DefinesThenStarts()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([Desired.Domain("a")]));

        Assert.Equal([(ActionKind.Define, "a"), (ActionKind.Start, "a")], Steps(plan));
        Assert.All(plan.Actions, a => Assert.Equal("a", a.Desired?.InstanceId));
    }

    [Fact]
    public void Plan_MissingPausedDomain_DefinesStartsSuspends()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([Desired.Domain("a", DesiredPower.Paused)]));

        Assert.Equal([(ActionKind.Define, "a"), (ActionKind.Start, "a"), (ActionKind.Suspend, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_MissingShutOffDomain_OnlyDefines()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([Desired.Domain("a", DesiredPower.ShutOff)]));

        Assert.Equal([(ActionKind.Define, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_HostMatchesDesired_IsEmpty()
    {
        var host = Host(
            [Desired.Domain("a"), Desired.Domain("b", DesiredPower.Paused), Desired.Domain("c", DesiredPower.ShutOff)],
            [Actual("a", VirtDomainState.Running), Actual("b", VirtDomainState.Paused), Actual("c", VirtDomainState.ShutOff)]);

        var plan = new Reconciler(TimeSpan.FromSeconds(60)).Plan(host);

        Assert.Empty(plan.Actions);
        Assert.Null(plan.WakeAt);
    }

    [Theory]
    [InlineData(VirtDomainState.ShutOff, DesiredPower.Running, ActionKind.Start)]
    [InlineData(VirtDomainState.Crashed, DesiredPower.Running, ActionKind.Start)]
    [InlineData(VirtDomainState.Paused, DesiredPower.Running, ActionKind.Resume)]
    [InlineData(VirtDomainState.Running, DesiredPower.Paused, ActionKind.Suspend)]
    public void Plan_PowerDiffers_TakesOneStep(VirtDomainState state, DesiredPower power, ActionKind expected)
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([Desired.Domain("a", power)], [Actual("a", state)]));

        Assert.Equal([(expected, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_ShutOffWantedPaused_StartsThenSuspends()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(
            Host([Desired.Domain("a", DesiredPower.Paused)], [Actual("a", VirtDomainState.ShutOff)]));

        Assert.Equal([(ActionKind.Start, "a"), (ActionKind.Suspend, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_ShutOffSizeDiffersWantedRunning_ResizesThenStarts()
    {
        var desired = Desired.Domain("a") with { Cpus = 2, MemoryMiB = 1024 };

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([desired], [Actual("a", VirtDomainState.ShutOff)]));

        Assert.Equal([(ActionKind.Resize, "a"), (ActionKind.Start, "a")], Steps(plan));
        Assert.All(plan.Actions, a => Assert.Equal(desired, a.Desired));
    }

    [Fact]
    public void Plan_ShutOffSizeDiffersWantedShutOff_OnlyResizes()
    {
        var desired = Desired.Domain("a", DesiredPower.ShutOff) with { MemoryMiB = 1024 };

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([desired], [Actual("a", VirtDomainState.ShutOff)]));

        Assert.Equal([(ActionKind.Resize, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_ShutOffSizeDiffersWantedPaused_ResizesStartsSuspends()
    {
        var desired = Desired.Domain("a", DesiredPower.Paused) with { Cpus = 4 };

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([desired], [Actual("a", VirtDomainState.ShutOff)]));

        Assert.Equal([(ActionKind.Resize, "a"), (ActionKind.Start, "a"), (ActionKind.Suspend, "a")], Steps(plan));
    }

    [Theory]
    [InlineData(VirtDomainState.Running)]
    [InlineData(VirtDomainState.Blocked)]
    [InlineData(VirtDomainState.Paused)]
    public void Plan_ActiveSizeDiffers_LeavesSizeAlone(VirtDomainState state)
    {
        var desired = Desired.Domain("a", state == VirtDomainState.Paused ? DesiredPower.Paused : DesiredPower.Running)
            with { Cpus = 2, MemoryMiB = 1024 };

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([desired], [Actual("a", state)]));

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Plan_RunningSizeDiffersWantedShutOff_StopsWithoutResizing()
    {
        var desired = Desired.Domain("a", DesiredPower.ShutOff) with { Cpus = 2, MemoryMiB = 1024 };

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([desired], [Actual("a", VirtDomainState.Running)]));

        Assert.Equal([(ActionKind.Destroy, "a")], Steps(plan));
    }

    [Theory]
    [InlineData(DesiredPower.ShutOff)]
    [InlineData(DesiredPower.Running)]
    public void Plan_ShutOffSameSize_NoResize(DesiredPower power)
    {
        var desired = Desired.Domain("a", power) with { Cpus = 2, MemoryMiB = 1024 };

        var plan = new Reconciler(TimeSpan.Zero).Plan(
            Host([desired], [Actual("a", VirtDomainState.ShutOff, cpus: 2, memoryMiB: 1024)]));

        Assert.DoesNotContain(plan.Actions, a => a.Kind == ActionKind.Resize);
        Assert.Equal(power == DesiredPower.Running ? 1 : 0, plan.Actions.Count);
    }

    [Fact]
    public void Plan_RebootGenerationAhead_Reboots()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(
            Host([Desired.Domain("a", rebootGeneration: 3)], [Actual("a", VirtDomainState.Running, generation: 2)]));

        Assert.Equal([(ActionKind.Reboot, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_RebootGenerationApplied_DoesNothing()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(
            Host([Desired.Domain("a", rebootGeneration: 3)], [Actual("a", VirtDomainState.Running, generation: 3)]));

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Plan_ShutOffWithZeroGrace_DestroysAtOnce()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(
            Host([Desired.Domain("a", DesiredPower.ShutOff)], [Actual("a", VirtDomainState.Running)]));

        Assert.Equal([(ActionKind.Destroy, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_ShutOffWithGrace_AsksGuestAndWakesAtDeadline()
    {
        var plan = new Reconciler(TimeSpan.FromSeconds(60)).Plan(
            Host([Desired.Domain("a", DesiredPower.ShutOff)], [Actual("a", VirtDomainState.Running)]));

        Assert.Equal([(ActionKind.Shutdown, "a")], Steps(plan));
        Assert.Equal(Now.AddSeconds(60), plan.WakeAt);
    }

    [Fact]
    public void Plan_ShutdownAskedWithinGrace_WaitsUntilDeadline()
    {
        var asked = new Dictionary<string, DateTimeOffset> { ["a"] = Now.AddSeconds(-10) };

        var plan = new Reconciler(TimeSpan.FromSeconds(60)).Plan(
            Host([Desired.Domain("a", DesiredPower.ShutOff)], [Actual("a", VirtDomainState.Running)], shutdownAskedAt: asked));

        Assert.Empty(plan.Actions);
        Assert.Equal(Now.AddSeconds(50), plan.WakeAt);
    }

    [Fact]
    public void Plan_ShutdownAskedGraceOver_Destroys()
    {
        var asked = new Dictionary<string, DateTimeOffset> { ["a"] = Now.AddSeconds(-60) };

        var plan = new Reconciler(TimeSpan.FromSeconds(60)).Plan(
            Host([Desired.Domain("a", DesiredPower.ShutOff)], [Actual("a", VirtDomainState.Running)], shutdownAskedAt: asked));

        Assert.Equal([(ActionKind.Destroy, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_PausedWantedShutOff_DestroysWithoutAsking()
    {
        var plan = new Reconciler(TimeSpan.FromSeconds(60)).Plan(
            Host([Desired.Domain("a", DesiredPower.ShutOff)], [Actual("a", VirtDomainState.Paused)]));

        Assert.Equal([(ActionKind.Destroy, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_ManagedDomainNotDesired_DestroysThenUndefines()
    {
        var plan = new Reconciler(TimeSpan.FromSeconds(60)).Plan(
            Host([], [Actual("gone", VirtDomainState.Running), Actual("off", VirtDomainState.ShutOff)]));

        Assert.Equal(
            [(ActionKind.Destroy, "gone"), (ActionKind.Undefine, "gone"), (ActionKind.Undefine, "off")],
            Steps(plan));
        Assert.All(plan.Actions, a => Assert.Null(a.Desired));
    }

    [Fact]
    public void Plan_FailedEntryUnchanged_IsNotRetried()
    {
        var desired = Desired.Domain("a");

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([desired], failures: [new DomainFailure(desired, "boom")]));

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Plan_FailedEntryChanged_IsRetried()
    {
        var failed = Desired.Domain("a");
        var changed = failed with { MemoryMiB = 512 };

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host([changed], failures: [new DomainFailure(failed, "boom")]));

        Assert.Equal([(ActionKind.Define, "a"), (ActionKind.Start, "a")], Steps(plan));
    }

    [Fact]
    public void Plan_DomainBusy_IsLeftAlone()
    {
        var plan = new Reconciler(TimeSpan.Zero).Plan(
            Host([Desired.Domain("a")], [Actual("b", VirtDomainState.Running)], busy: ["a", "b"]));

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Plan_HundredMissingDomains_PlansEachOnce()
    {
        var desired = Enumerable.Range(0, 100).Select(i => Desired.Domain($"d{i}")).ToList();

        var plan = new Reconciler(TimeSpan.Zero).Plan(Host(desired));

        Assert.Equal(200, plan.Actions.Count);
        Assert.Equal(100, plan.Actions.Count(a => a.Kind == ActionKind.Define));
    }
}
