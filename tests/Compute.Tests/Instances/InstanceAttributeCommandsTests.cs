using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Tags;
using static StandardsCloud.Compute.Tests.Instances.InstanceBuilder;

namespace StandardsCloud.Compute.Tests.Instances;

public sealed class InstanceAttributeCommandsTests
{
    private static readonly InstanceType Large = new("m1.large", 2, 6144);

    [Theory]
    [InlineData(InstanceState.Running)]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Stopped)]
    public void Terminate_Protected_NotPermittedAndNothingChanges(InstanceState state)
    {
        var instance = In(state);
        instance.DisableApiTermination = true;
        var outcome = InstanceCommands.Terminate(instance, Ctx);
        Assert.Equal(ComputeStatus.NotPermitted, outcome.Status);
        Assert.Contains("disableApiTermination", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtectThenUnprotect_TerminateAllowedAgain()
    {
        var instance = In(InstanceState.Running);
        Apply(instance, InstanceCommands.ProtectFromTermination(instance, Ctx, true));
        Assert.False(InstanceCommands.Terminate(instance, Ctx).IsOk);
        Apply(instance, InstanceCommands.ProtectFromTermination(instance, Ctx, false));
        Assert.True(InstanceCommands.Terminate(instance, Ctx).IsOk);
    }

    [Fact]
    public void ChangeShutdownBehavior_AnyStateButDone_SameValueChangesNothing()
    {
        var running = In(InstanceState.Running);
        Apply(running, InstanceCommands.ChangeShutdownBehavior(running, Ctx, true));
        Assert.True(running.TerminateOnGuestShutdown);
        Assert.Empty(InstanceCommands.ChangeShutdownBehavior(running, Ctx, true).Value!);

        var done = In(InstanceState.Done);
        Assert.False(InstanceCommands.ChangeShutdownBehavior(done, Ctx, true).IsOk);
    }

    [Fact]
    public void Resize_Stopped_TakesTheTypesSize()
    {
        var instance = In(InstanceState.Stopped);
        Apply(instance, InstanceCommands.Resize(instance, Ctx, Large));
        Assert.Equal(("m1.large", 2, 6144L), (instance.InstanceType, instance.Cpus, instance.MemoryMiB));
    }

    [Theory]
    [InlineData(InstanceState.Running)]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Shutdown)]
    public void ResizeOrUserData_NotStopped_IncorrectState(InstanceState state)
    {
        Assert.Equal(ComputeStatus.IncorrectState, InstanceCommands.Resize(In(state), Ctx, Large).Status);
        Assert.Equal(ComputeStatus.IncorrectState, InstanceCommands.ReplaceUserData(In(state), Ctx, "aGk=").Status);
    }

    [Fact]
    public void Retag_SetOverwriteRemove_OnlyChangesAreEvents()
    {
        var instance = In(InstanceState.Running);
        Apply(instance, InstanceCommands.Retag(instance, Ctx, TagChange.Setting(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" })));
        var same = InstanceCommands.Retag(instance, Ctx, TagChange.Setting(new Dictionary<string, string> { ["a"] = "1" }));
        Assert.Empty(same.Value!);

        Apply(instance, InstanceCommands.Retag(instance, Ctx, TagChange.Removing([new TagRemoval("a", "other"), new TagRemoval("b", null)])));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, instance.Tags);
        Apply(instance, InstanceCommands.Retag(instance, Ctx, TagChange.Removing([])));
        Assert.Empty(instance.Tags);
    }

    [Fact]
    public void Retag_BeyondFifty_QuotaExceeded()
    {
        var instance = In(InstanceState.Running);
        var many = Enumerable.Range(0, TagChange.MaxPerResource + 1).ToDictionary(n => "k" + n, _ => "v");
        Assert.Equal(ComputeStatus.QuotaExceeded, InstanceCommands.Retag(instance, Ctx, TagChange.Setting(many)).Status);
    }

    private static void Apply(Instance instance, Outcome<IInstanceEvent[]> outcome)
    {
        Assert.True(outcome.IsOk, outcome.Reason);
        foreach (var e in outcome.Value!)
        {
            instance.When(e);
        }
    }
}
