using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Tests.Instances;

public sealed class InstanceLifecycleTests
{
    [Theory]
    [InlineData(InstanceState.Pending, InstanceState.Prolog)]
    [InlineData(InstanceState.Prolog, InstanceState.Boot)]
    [InlineData(InstanceState.Boot, InstanceState.Running)]
    [InlineData(InstanceState.Running, InstanceState.Shutdown)]
    [InlineData(InstanceState.Shutdown, InstanceState.Epilog)]
    [InlineData(InstanceState.Epilog, InstanceState.Done)]
    [InlineData(InstanceState.Running, InstanceState.Suspended)]
    [InlineData(InstanceState.Shutdown, InstanceState.Stopped)]
    [InlineData(InstanceState.Unknown, InstanceState.Running)]
    [InlineData(InstanceState.Failed, InstanceState.Done)]
    public void CanMove_MainPathAndSideStates_Allowed(InstanceState from, InstanceState to) =>
        Assert.True(InstanceLifecycle.CanMove(from, to));

    [Theory]
    [InlineData(InstanceState.Pending, InstanceState.Running)]
    [InlineData(InstanceState.Done, InstanceState.Pending)]
    [InlineData(InstanceState.Done, InstanceState.Running)]
    [InlineData(InstanceState.Epilog, InstanceState.Running)]
    [InlineData(InstanceState.Stopped, InstanceState.Running)]
    [InlineData(InstanceState.Failed, InstanceState.Running)]
    public void CanMove_Skips_Refused(InstanceState from, InstanceState to) =>
        Assert.False(InstanceLifecycle.CanMove(from, to));

    [Fact]
    public void CanMove_EveryStateHasARule_NoException()
    {
        foreach (var from in Enum.GetValues<InstanceState>())
        {
            foreach (var to in Enum.GetValues<InstanceState>())
            {
                _ = InstanceLifecycle.CanMove(from, to);
            }
        }

        Assert.False(InstanceLifecycle.CanMove(InstanceState.Done, InstanceState.Done));
    }

    [Theory]
    [InlineData(InstanceState.Pending, false)]
    [InlineData(InstanceState.Running, true)]
    [InlineData(InstanceState.Stopped, true)]
    [InlineData(InstanceState.Unknown, true)]
    [InlineData(InstanceState.Done, false)]
    [InlineData(InstanceState.Failed, false)]
    public void HoldsHost_ByState_AsDocumented(InstanceState state, bool holds) =>
        Assert.Equal(holds, InstanceLifecycle.HoldsHost(state));
}
