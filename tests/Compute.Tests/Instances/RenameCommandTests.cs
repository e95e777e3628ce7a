using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Tests.Instances;

public class RenameCommandTests
{
    private static readonly EventContext Context = new("alice", "occi", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Rename_RunningInstance_RecordsTheNewName()
    {
        var instance = new Instance { Id = "i-1", State = InstanceState.Running };

        var events = InstanceCommands.Rename(instance, Context, "web").Value!;

        var renamed = Assert.IsType<InstanceHostnameChanged>(Assert.Single(events));
        instance.When(renamed);
        Assert.Equal("web", instance.Hostname);
    }

    [Fact]
    public void Rename_SameName_ChangesNothing() =>
        Assert.Empty(InstanceCommands.Rename(new Instance { Hostname = "web", State = InstanceState.Stopped }, Context, "web").Value!);

    [Fact]
    public void Rename_Terminated_IsIncorrectState() =>
        Assert.Equal(ComputeStatus.IncorrectState, InstanceCommands.Rename(new Instance { State = InstanceState.Done }, Context, "web").Status);
}
