using StandardsCloud.NodeDaemon.Core;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;
using StandardsCloud.TestKit;

namespace StandardsCloud.NodeDaemon.Tests.Core;

public sealed class NodeSessionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static bool AllIn(IReadOnlyList<DomainReport> report, DomainState state, params string[] ids) =>
        ids.All(id => report.Any(r => r.InstanceId == id && r.State == state));

    private static VirtDomainState StateOf(RunningNode node, string instanceId)
    {
        var found = node.Node.Connection.Lookup(DomainName.For(instanceId));
        Assert.True(found.IsOk, found.Error);
        using var domain = found.Value;
        return domain.GetState().Value;
    }

    [Fact]
    public async Task RunAsync_CoreStartsLate_RegistersOnceItAppears()
    {
        var port = LoopbackPorts.Unused();
        await using var node = RunningNode.Start(new Uri($"http://127.0.0.1:{port}"));
        await Task.Delay(800);
        Assert.False(node.Run.IsCompleted);

        await using var core = await FakeCore.StartAsync(port);

        await core.WaitForReportAsync(_ => true, Patience);
        Assert.Equal(1, core.Registrations);
        Assert.Equal(new HostCapacity(4, 8192, CpuMhz: 2000), core.LastRegistration?.Capacity);
        Assert.StartsWith("test:///", core.LastRegistration?.HypervisorUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_JoinTokenRefused_GivesUp()
    {
        await using var core = await FakeCore.StartAsync();
        core.RefuseAll = true;
        await using var node = RunningNode.Start(core.Url);

        var end = await node.Run.WaitAsync(Patience);

        Assert.Equal(SessionEnd.Refused, end);
        Assert.Equal(0, core.Registrations);
    }

    [Fact]
    public async Task RunAsync_DesiredDomains_RunInLibvirtAndReportedRunning()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));

        core.SetDesired(Desired.Domain("a", image: image), Desired.Domain("b", image: image));

        await core.WaitForReportAsync(r => AllIn(r, DomainState.Running, "a", "b"), Patience);
        Assert.Equal(VirtDomainState.Running, StateOf(node, "a"));
        Assert.Equal(VirtDomainState.Running, StateOf(node, "b"));
    }

    [Fact]
    public async Task RunAsync_DomainRemovedFromDesired_DestroyedAndUndefined()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));
        core.SetDesired(Desired.Domain("keep", image: image), Desired.Domain("drop", image: image));
        await core.WaitForReportAsync(r => AllIn(r, DomainState.Running, "keep", "drop"), Patience);

        core.SetDesired(Desired.Domain("keep", image: image));

        var report = await core.WaitForReportAsync(r => r.All(d => d.InstanceId != "drop"), Patience);
        Assert.True(AllIn(report, DomainState.Running, "keep"));
        Assert.False(node.Node.Connection.Lookup("sc-drop").IsOk);
    }

    [Fact]
    public async Task RunAsync_ForeignDomain_IsLeftAlone()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var foreign = "<domain type='test'><name>someone-else</name><memory unit='MiB'>64</memory>"
            + "<os><type arch='x86_64'>hvm</type></os></domain>";
        node.Node.Connection.Define(foreign).Value.Dispose();
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));

        core.SetDesired(Desired.Domain("mine", image: image));

        await core.WaitForReportAsync(r => AllIn(r, DomainState.Running, "mine"), Patience);
        Assert.True(node.Node.Connection.Lookup("someone-else").IsOk);
    }

    [Fact]
    public async Task RunAsync_PowerChanges_FollowedAndReported()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));
        core.SetDesired(Desired.Domain("p", DesiredPower.Paused, image: image));
        await core.WaitForReportAsync(r => AllIn(r, DomainState.Paused, "p"), Patience);

        core.SetDesired(Desired.Domain("p", DesiredPower.ShutOff, image: image));
        await core.WaitForReportAsync(r => AllIn(r, DomainState.ShutOff, "p"), Patience);

        core.SetDesired(Desired.Domain("p", DesiredPower.Running, rebootGeneration: 1, image: image));
        await core.WaitForReportAsync(r => AllIn(r, DomainState.Running, "p"), Patience);
        using var domain = node.Node.Connection.Lookup("sc-p").Value;
        var generation = domain.GetMetadata(DomainMetadata.NamespaceUri, ModificationImpact.Config);
        Assert.Equal(1, DomainMetadata.ParseRebootGeneration(generation.Value));
    }

    [Fact]
    public async Task RunAsync_RebootGenerationRaised_RecordsNewGeneration()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));
        core.SetDesired(Desired.Domain("r", image: image));
        await core.WaitForReportAsync(r => AllIn(r, DomainState.Running, "r"), Patience);

        core.SetDesired(Desired.Domain("r", rebootGeneration: 4, image: image));

        var deadline = DateTime.UtcNow + Patience;
        var generation = 0;
        while (generation != 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            using var domain = node.Node.Connection.Lookup("sc-r").Value;
            generation = DomainMetadata.ParseRebootGeneration(
                domain.GetMetadata(DomainMetadata.NamespaceUri, ModificationImpact.Live).Value);
        }

        Assert.Equal(4, generation);
        Assert.Equal(VirtDomainState.Running, StateOf(node, "r"));
    }

    [Fact]
    public async Task RunAsync_ImageSha1Wrong_ReportsFailedWithReason()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"), id: "img-bad");

        core.SetDesired(Desired.Domain("bad", image: image with { Sha1 = new string('c', 40) }));

        var report = await core.WaitForReportAsync(r => AllIn(r, DomainState.Failed, "bad"), Patience);
        Assert.Contains($"image img-bad: SHA-1 is {image.Sha1}, expected {new string('c', 40)}",
            report.Single().Reason, StringComparison.Ordinal);
        Assert.False(node.Node.Connection.Lookup("sc-bad").IsOk);
    }

    [Fact]
    public async Task RunAsync_NodeTokenForgotten_RegistersAgain()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        await core.WaitForReportAsync(_ => true, Patience);
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));

        core.ForgetNodes();
        core.SetDesired(Desired.Domain("after", image: image));

        await core.WaitForReportAsync(r => AllIn(r, DomainState.Running, "after"), Patience);
        Assert.Equal(2, core.Registrations);
    }

    [Fact]
    public async Task RunAsync_HundredDomains_AllRunningWithinSeconds()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));
        var ids = Enumerable.Range(0, 100).Select(i => $"n{i}").ToArray();

        core.SetDesired(ids.Select(id => Desired.Domain(id, image: image)).ToArray());

        await core.WaitForReportAsync(r => AllIn(r, DomainState.Running, ids), TimeSpan.FromSeconds(5));
    }
}
