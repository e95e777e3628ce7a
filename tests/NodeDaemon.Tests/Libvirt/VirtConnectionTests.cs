using System.Collections.Concurrent;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Libvirt;

public sealed class VirtConnectionTests
{
    private static string TestDomainXml(string name, int generation = 0) =>
        DomainXml.Build(Desired.Domain(name["sc-".Length..]), HypervisorFlavour.TestDriver(), new DomainLayout("/tmp"), generation);

    [Fact]
    public void GetNodeInfo_TestHostFile_ReportsConfiguredCpusAndMemory()
    {
        using var host = new PrivateHost(cpus: 6, memoryMiB: 3072);

        var info = host.Connection.GetNodeInfo();

        Assert.True(info.IsOk, info.Error);
        Assert.Equal(6, info.Value.Cpus);
        Assert.Equal(3072L * 1024, info.Value.MemoryKiB);
    }

    [Fact]
    public void Open_UnknownDriver_FailsWithLibvirtMessage()
    {
        var opened = VirtConnection.Open("nosuchdriver:///x");

        Assert.False(opened.IsOk);
        Assert.Contains("nosuchdriver", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainCalls_FullLifecycle_StatesFollowEachCall()
    {
        using var host = new PrivateHost();
        var defined = host.Connection.Define(TestDomainXml("sc-life"));
        Assert.True(defined.IsOk, defined.Error);
        using var domain = defined.Value;
        Assert.Equal("sc-life", domain.Name);
        Assert.Equal(VirtDomainState.ShutOff, domain.GetState().Value);

        Assert.True(domain.Start().IsOk);
        var info = domain.GetInfo();
        Assert.Equal(VirtDomainState.Running, info.Value.State);
        Assert.Equal(1, info.Value.VirtualCpus);
        Assert.Equal(256L * 1024, info.Value.MaxMemoryKiB);

        Assert.True(domain.Suspend().IsOk);
        Assert.Equal(VirtDomainState.Paused, domain.GetState().Value);
        Assert.True(domain.Resume().IsOk);
        Assert.Equal(VirtDomainState.Running, domain.GetState().Value);
        Assert.True(domain.Reboot().IsOk);
        Assert.True(domain.Shutdown().IsOk);
        Assert.Equal(VirtDomainState.ShutOff, domain.GetState().Value);
        Assert.True(domain.Start().IsOk);
        Assert.True(domain.Destroy().IsOk);
        Assert.Equal(VirtDomainState.ShutOff, domain.GetState().Value);
        Assert.Contains("<name>sc-life</name>", domain.GetXml().Value, StringComparison.Ordinal);

        Assert.True(domain.Undefine(HypervisorFlavour.TestDriver().UndefineOptions).IsOk);
        Assert.False(host.Connection.Lookup("sc-life").IsOk);
    }

    [Fact]
    public void Lookup_MissingDomain_FailsWithLibvirtMessage()
    {
        using var host = new PrivateHost();

        var found = host.Connection.Lookup("sc-none");

        Assert.False(found.IsOk);
        Assert.Contains("not found", found.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Destroy_DomainNotRunning_FailsAsValue()
    {
        using var host = new PrivateHost();
        using var domain = host.Connection.Define(TestDomainXml("sc-off")).Value;

        var destroyed = domain.Destroy();

        Assert.False(destroyed.IsOk);
        Assert.False(string.IsNullOrWhiteSpace(destroyed.Error));
    }

    [Fact]
    public void ListAll_TwoDefined_ReturnsBothNames()
    {
        using var host = new PrivateHost();
        host.Connection.Define(TestDomainXml("sc-one")).Value.Dispose();
        host.Connection.Define(TestDomainXml("sc-two")).Value.Dispose();

        var listed = host.Connection.ListAll();

        Assert.True(listed.IsOk, listed.Error);
        var names = listed.Value.Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var d in listed.Value)
        {
            d.Dispose();
        }

        Assert.Equal(["sc-one", "sc-two"], names);
    }

    [Fact]
    public void SetMetadata_NewGeneration_ReadsBackFromDefinition()
    {
        using var host = new PrivateHost();
        using var domain = host.Connection.Define(TestDomainXml("sc-meta", generation: 2)).Value;
        Assert.Equal(2, DomainMetadata.ParseRebootGeneration(
            domain.GetMetadata(DomainMetadata.NamespaceUri, ModificationImpact.Current).Value));
        Assert.True(domain.Start().IsOk);

        var set = domain.SetMetadata(
            DomainMetadata.ElementText(5, "node-a"), DomainMetadata.Prefix, DomainMetadata.NamespaceUri,
            ModificationImpact.Live | ModificationImpact.Config);

        Assert.True(set.IsOk, set.Error);
        Assert.Equal(5, DomainMetadata.ParseRebootGeneration(
            domain.GetMetadata(DomainMetadata.NamespaceUri, ModificationImpact.Config).Value));
    }

    [Fact]
    public async Task SubscribeLifecycle_DomainStarted_ReceivesStartedEvent()
    {
        using var host = new PrivateHost();
        var events = new BlockingCollection<LifecycleEvent>();
        Assert.True(host.Connection.SubscribeLifecycle(events.Add).IsOk);
        using var domain = host.Connection.Define(TestDomainXml("sc-evt")).Value;

        Assert.True(domain.Start().IsOk);

        var started = await Task.Run(() =>
        {
            while (events.TryTake(out var e, TimeSpan.FromSeconds(5)))
            {
                if (e.Kind == LifecycleEventKind.Started)
                {
                    return e;
                }
            }

            return null;
        });
        Assert.NotNull(started);
        Assert.Equal("sc-evt", started.DomainName);
    }
}
