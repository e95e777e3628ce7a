using StandardsCloud.Compute.Instances;
using StandardsCloud.NodeProtocol;
using static StandardsCloud.Compute.Tests.Instances.InstanceBuilder;

namespace StandardsCloud.Compute.Tests.Instances;

public sealed class InstanceReconciliationTests
{
    private static Instance Applied(Instance instance, DomainState reported, string? reason = null)
    {
        foreach (var e in InstanceReconciliation.Apply(instance, reported, reason, Ctx))
        {
            instance.When(e);
        }

        return instance;
    }

    [Fact]
    public void Apply_PrologAndRunning_Running() =>
        Assert.Equal(InstanceState.Running, Applied(In(InstanceState.Prolog), DomainState.Running).State);

    [Fact]
    public void Apply_PrologAndShutOff_Boot() =>
        Assert.Equal(InstanceState.Boot, Applied(In(InstanceState.Prolog), DomainState.ShutOff).State);

    [Fact]
    public void Apply_PrologAndMissing_StaysProlog() =>
        Assert.Equal(InstanceState.Prolog, Applied(In(InstanceState.Prolog), DomainState.Missing).State);

    [Fact]
    public void Apply_RunningAndMissing_UnknownThenRunningAgain()
    {
        var instance = Applied(In(InstanceState.Running), DomainState.Missing);
        Assert.Equal(InstanceState.Unknown, instance.State);
        Assert.Equal(InstanceState.Running, Applied(instance, DomainState.Running).State);
    }

    [Fact]
    public void Apply_RunningAndGuestPoweredOff_StoppedWithStopIntent()
    {
        var instance = Applied(In(InstanceState.Running), DomainState.ShutOff);
        Assert.Equal(InstanceState.Stopped, instance.State);
        Assert.Equal(InstanceIntent.Stop, instance.Intent);
    }

    [Fact]
    public void Apply_GuestPoweredOffWhenShutdownTerminates_TerminatedToTheEnd_WithItsReason()
    {
        var instance = In(InstanceState.Running);
        instance.When(new InstanceShutdownBehaviorChanged(Ctx, Terminate: true));

        Applied(instance, DomainState.ShutOff);
        Assert.Equal((InstanceState.Shutdown, InstanceIntent.Terminate), (instance.State, instance.Intent));
        Applied(instance, DomainState.Missing);

        Assert.Equal(InstanceState.Done, instance.State);
        Assert.Equal(InstanceReconciliation.GuestPoweredOffReason, instance.StateReason);
    }

    [Fact]
    public void Apply_TerminatingAndMissing_EpilogThenDone()
    {
        var instance = In(InstanceState.Shutdown, InstanceIntent.Terminate);
        var events = InstanceReconciliation.Apply(instance, DomainState.Missing, null, Ctx);
        Assert.Equal([InstanceState.Epilog, InstanceState.Done], events.OfType<InstanceTransitioned>().Select(e => e.To));
    }

    [Fact]
    public void Apply_FailedReport_FailedWithHostReason()
    {
        var instance = Applied(In(InstanceState.Prolog), DomainState.Failed, "SHA-1 mismatch");
        Assert.Equal(InstanceState.Failed, instance.State);
        Assert.Equal("SHA-1 mismatch", instance.StateReason);
    }

    [Fact]
    public void Apply_SameReportTwice_AddsNothingSecondTime()
    {
        var instance = Applied(In(InstanceState.Prolog), DomainState.Running);
        Assert.Empty(InstanceReconciliation.Apply(instance, DomainState.Running, null, Ctx));
    }

    [Fact]
    public void Apply_StoppingAndShutOff_Stopped() =>
        Assert.Equal(InstanceState.Stopped, Applied(In(InstanceState.Shutdown, InstanceIntent.Stop), DomainState.ShutOff).State);
}
