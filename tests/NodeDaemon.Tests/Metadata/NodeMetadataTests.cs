using System.Net;
using System.Net.Sockets;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.TestKit;

namespace StandardsCloud.NodeDaemon.Tests.Metadata;

/// <summary>The metadata service inside a running node, answering from the desired state the core sends.</summary>
public sealed class NodeMetadataTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Node_DesiredStateFromCore_ServedToTheGuest()
    {
        var port = LoopbackPorts.Unused();
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(
            core.Url, configure: o => o with { MetadataListen = new IPEndPoint(IPAddress.Loopback, port) });
        var image = Desired.WriteImage(Path.Combine(node.DataDir, "source.raw"));
        core.SetDesired(Guests.Domain("i-00000000000000077", Guests.Context("127.0.0.5", "from the core")) with { Image = image });
        await core.WaitForReportAsync(r => r.Any(d => d.InstanceId == "i-00000000000000077"), Patience);
        using var guest = Guests.ClientFrom("127.0.0.5", new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal("i-00000000000000077", await guest.GetStringAsync("/latest/meta-data/instance-id"));
        Assert.Equal("from the core", await guest.GetStringAsync("/latest/user-data"));
        Assert.Equal(DomainMac.For("i-00000000000000077"), await guest.GetStringAsync("/latest/meta-data/mac"));
    }

    [Fact]
    public async Task Node_MetadataAddressTaken_CarriesOnWithoutIt()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        await using var core = await FakeCore.StartAsync();

        await using var node = RunningNode.Start(
            core.Url, configure: o => o with { MetadataListen = (IPEndPoint)taken.LocalEndpoint });

        await core.WaitForReportAsync(_ => true, Patience);
        Assert.Equal(1, core.Registrations);
        Assert.False(node.Run.IsCompleted);
    }
}
