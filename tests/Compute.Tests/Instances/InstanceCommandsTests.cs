using StandardsCloud.Compute.Instances;
using static StandardsCloud.Compute.Tests.Instances.InstanceBuilder;

namespace StandardsCloud.Compute.Tests.Instances;

public sealed class InstanceCommandsTests
{
    [Fact]
    public void Terminate_Pending_GoesStraightToDone()
    {
        var outcome = InstanceCommands.Terminate(In(InstanceState.Pending), Ctx);
        Assert.True(outcome.IsOk);
        var moved = Assert.Single(outcome.Value!.OfType<InstanceTransitioned>());
        Assert.Equal(InstanceState.Done, moved.To);
    }

    [Fact]
    public void Terminate_Running_ShutsDownWithTerminateIntent()
    {
        var instance = In(InstanceState.Running);
        foreach (var e in InstanceCommands.Terminate(instance, Ctx).Value!)
        {
            instance.When(e);
        }

        Assert.Equal(InstanceState.Shutdown, instance.State);
        Assert.Equal(InstanceIntent.Terminate, instance.Intent);
    }

    [Fact]
    public void Terminate_Done_IsIdempotent()
    {
        var outcome = InstanceCommands.Terminate(In(InstanceState.Done), Ctx);
        Assert.True(outcome.IsOk);
        Assert.Empty(outcome.Value!);
    }

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Done)]
    [InlineData(InstanceState.Failed)]
    public void Stop_NotStoppable_RefusedWithIncorrectState(InstanceState state)
    {
        var outcome = InstanceCommands.Stop(In(state), Ctx);
        Assert.Equal(ComputeStatus.IncorrectState, outcome.Status);
        Assert.Contains(state.ToString().ToLowerInvariant(), outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_Unknown_ShutsDownWithStopIntent()
    {
        var instance = In(InstanceState.Unknown);
        foreach (var e in InstanceCommands.Stop(instance, Ctx).Value!)
        {
            instance.When(e);
        }

        Assert.Equal((InstanceState.Shutdown, InstanceIntent.Stop), (instance.State, instance.Intent));
    }

    [Fact]
    public void Start_Stopped_BootsWithRunIntent()
    {
        var instance = In(InstanceState.Stopped, InstanceIntent.Stop);
        foreach (var e in InstanceCommands.Start(instance, Ctx).Value!)
        {
            instance.When(e);
        }

        Assert.Equal(InstanceState.Boot, instance.State);
        Assert.Equal(InstanceIntent.Run, instance.Intent);
    }

    [Fact]
    public void Reboot_Running_RaisesGeneration()
    {
        var instance = In(InstanceState.Running);
        var reboot = Assert.IsType<InstanceRebootRequested>(Assert.Single(InstanceCommands.Reboot(instance, Ctx).Value!));
        Assert.Equal(instance.RebootGeneration + 1, reboot.Generation);
    }

    [Fact]
    public void Reboot_Stopped_Refused() =>
        Assert.Equal(ComputeStatus.IncorrectState, InstanceCommands.Reboot(In(InstanceState.Stopped, InstanceIntent.Stop), Ctx).Status);
}
