using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using StandardsCloud.NodeDaemon.Agent;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Agent;

public sealed class NodeAgentTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly PrivateHost _host = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _host.Dispose();
    }

    private NodeAgent NewAgent() => new(_host.Connection, HypervisorFlavour.TestDriver(), new DomainLayout(_host.DataDir),
        new ImageCache(Path.Combine(_host.DataDir, "images"), _http), TimeProvider.System, NullLogger.Instance);

    [Fact]
    public void ApplyDesired_OlderRevisionArrivingLate_Ignored()
    {
        var agent = NewAgent();
        agent.ApplyDesired(new SyncResponse("newer", [Desired.Domain("i-00000000000000001")], Revision: 200));
        agent.ApplyDesired(new SyncResponse("older", [], Revision: 100));
        Assert.Equal("newer", agent.DesiredHash);
    }

    [Fact]
    public void ApplyDesired_NewerRevision_Applied()
    {
        var agent = NewAgent();
        agent.ApplyDesired(new SyncResponse("first", [], Revision: 100));
        agent.ApplyDesired(new SyncResponse("second", [Desired.Domain("i-00000000000000002")], Revision: 200));
        Assert.Equal("second", agent.DesiredHash);
    }

    [Fact]
    public void ApplyDesired_UnchangedForTheStateHeld_KeepsDomainsAndTakesTheRevision()
    {
        var agent = NewAgent();
        agent.ApplyDesired(new SyncResponse("held", [Desired.Domain("i-00000000000000003")], Revision: 100));
        agent.ApplyDesired(SyncResponse.Same("held", 300));
        agent.ApplyDesired(new SyncResponse("between", [], Revision: 200));
        Assert.Equal("held", agent.DesiredHash);
        Assert.Equal("i-00000000000000003", Assert.Single(agent.Desired).InstanceId);
    }

    [Fact]
    public void ApplyDesired_UnchangedForAStateLeftSince_Ignored()
    {
        var agent = NewAgent();
        agent.ApplyDesired(new SyncResponse("old", [], Revision: 100));
        agent.ApplyDesired(new SyncResponse("new", [Desired.Domain("i-00000000000000004")], Revision: 200));
        agent.ApplyDesired(SyncResponse.Same("old", 300));
        Assert.Equal("new", agent.DesiredHash);
        Assert.Single(agent.Desired);
    }

    [Fact]
    public void ApplyDesired_UnchangedBeforeAnyState_Ignored()
    {
        var agent = NewAgent();
        agent.ApplyDesired(SyncResponse.Same("", 100));
        Assert.Equal("", agent.DesiredHash);
        Assert.Empty(agent.Desired);
    }

    [Fact]
    public async Task RunAsync_ShutOffDomainGivenNewSize_RedefinedKeepingDiskAndMetadataThenStarts()
    {
        // Shaped as on a QEMU host, so that the domain has a disk and a console to keep. Its image
        // does not exist: fetching it again, as a fresh definition would, fails the test.
        var layout = new DomainLayout(_host.DataDir);
        var small = Desired.Domain("r", DesiredPower.ShutOff, rebootGeneration: 3) with { Cpus = 1, MemoryMiB = 512 };
        var qemuShaped = HypervisorFlavour.Qemu(kvm: false) with { DomainType = "test" };
        _host.Connection.Define(DomainXml.Build(small, qemuShaped, layout, 3)).Value.Dispose();
        Directory.CreateDirectory(layout.DisksDir);
        await File.WriteAllTextAsync(layout.OverlayPath("r"), "guest data");
        var diskBefore = DiskSource("r");
        Assert.Equal(layout.OverlayPath("r"), diskBefore);

        var agent = NewAgent();
        using var stop = new CancellationTokenSource();
        var run = agent.RunAsync(stop.Token);
        try
        {
            var large = small with { Cpus = 2, MemoryMiB = 1024 };
            agent.ApplyDesired(new SyncResponse("shut-off", [large], Revision: 1));
            var resized = await WaitForAsync("r", i => i.VirtualCpus == 2);
            Assert.Equal(VirtDomainState.ShutOff, resized.State);
            Assert.Equal(1024L * 1024, resized.MaxMemoryKiB);
            using (var domain = _host.Connection.Lookup("sc-r").Value)
            {
                var metadata = domain.GetMetadata(DomainMetadata.NamespaceUri, ModificationImpact.Config);
                Assert.Equal(3, DomainMetadata.ParseRebootGeneration(metadata.Value));
            }

            agent.ApplyDesired(new SyncResponse("running", [large with { Power = DesiredPower.Running }], Revision: 2));
            var running = await WaitForAsync("r", i => i.State == VirtDomainState.Running);
            Assert.Equal(2, running.VirtualCpus);
            Assert.Equal(1024L * 1024, running.MaxMemoryKiB);
            Assert.Equal(diskBefore, DiskSource("r"));
            Assert.Equal("guest data", await File.ReadAllTextAsync(layout.OverlayPath("r")));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    [Fact]
    public async Task RunAsync_SharedLibvirt_LeavesAnotherNodesDomainsAlone()
    {
        var layout = new DomainLayout(_host.DataDir);
        var mine = HypervisorFlavour.TestDriver() with { Owner = "node-a" };
        var theirs = mine with { Owner = "node-b" };
        foreach (var (id, flavour) in new[] { ("i-00000000000000a01", mine), ("i-00000000000000b01", theirs) })
        {
            using var domain = _host.Connection.Define(DomainXml.Build(Desired.Domain(id), flavour, layout, 0)).Value;
            Assert.True(domain.Start().IsOk);
        }

        var agent = new NodeAgent(_host.Connection, mine, layout, new ImageCache(layout.ImagesDir, _http), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = agent.RunAsync(stop.Token);
        try
        {
            // Nothing is desired: the node removes its own domain and never touches node-b's.
            agent.ApplyDesired(new SyncResponse("none", [], Revision: 1));
            var deadline = DateTime.UtcNow + Patience;
            while (_host.Connection.Lookup(DomainName.For("i-00000000000000a01")).IsOk)
            {
                Assert.True(DateTime.UtcNow < deadline, "the node never removed its own undesired domain");
                await Task.Delay(20);
            }

            using var other = _host.Connection.Lookup(DomainName.For("i-00000000000000b01")).Value;
            Assert.Equal(VirtDomainState.Running, other.GetInfo().Value.State);
            Assert.DoesNotContain(agent.Report, r => r.InstanceId == "i-00000000000000b01");
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private string? DiskSource(string instanceId)
    {
        using var domain = _host.Connection.Lookup(DomainName.For(instanceId)).Value;
        var xml = XElement.Parse(domain.GetXml(DomainXmlOptions.Inactive).Value);
        return xml.Element("devices")?.Element("disk")?.Element("source")?.Attribute("file")?.Value;
    }

    private async Task<DomainInfo> WaitForAsync(string instanceId, Func<DomainInfo, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using (var domain = _host.Connection.Lookup(DomainName.For(instanceId)).Value)
            {
                var info = domain.GetInfo().Value;
                if (condition(info))
                {
                    return info;
                }

                Assert.True(DateTime.UtcNow < deadline, $"domain {instanceId} never matched; last: {info}");
            }

            await Task.Delay(20);
        }
    }
}
