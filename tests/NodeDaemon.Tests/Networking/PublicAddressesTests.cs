using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using StandardsCloud.NodeDaemon.Networking;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Networking;

/// <summary>
/// Public addresses routed for real, in three network namespaces: a host that forwards, a guest on
/// its private network and a client outside that reaches the host's public interface. The node's
/// side runs inside the host namespace. Needs root, as every test of the host's network does.
/// </summary>
public sealed class PublicAddressesTests : IAsyncLifetime
{
    private const string PublicAddress = "203.0.113.7";
    private const string ClientAddress = "192.0.2.2";
    private readonly string _tag = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
    private readonly int _subnet = Random.Shared.Next(1, 255);
    private readonly TempDir _dir = new();

    private string Host => "scnat-h-" + _tag;
    private string Guest => "scnat-g-" + _tag;
    private string Client => "scnat-c-" + _tag;
    private string PublicInterface => "scp" + _tag;
    private string GuestAddress => string.Create(CultureInfo.InvariantCulture, $"10.232.{_subnet}.5");

    public async Task InitializeAsync()
    {
        foreach (var ns in new[] { Host, Guest, Client })
        {
            await Tool.OutputAsync("ip", "netns", "add", ns);
            await InAsync(ns, "ip", "link", "set", "lo", "up");
        }

        // host <-> guest: the private network; host <-> client: where the public addresses arrive.
        await Tool.OutputAsync("ip", "link", "add", "scv" + _tag, "netns", Host, "type", "veth", "peer", "name", "scg" + _tag, "netns", Guest);
        await Tool.OutputAsync("ip", "link", "add", PublicInterface, "netns", Host, "type", "veth", "peer", "name", "scc" + _tag, "netns", Client);
        await InAsync(Host, "ip", "addr", "add", $"10.232.{_subnet}.1/24", "dev", "scv" + _tag);
        await InAsync(Host, "ip", "addr", "add", "192.0.2.1/24", "dev", PublicInterface);
        await InAsync(Guest, "ip", "addr", "add", GuestAddress + "/24", "dev", "scg" + _tag);
        await InAsync(Client, "ip", "addr", "add", ClientAddress + "/24", "dev", "scc" + _tag);
        foreach (var (ns, device) in new[] { (Host, "scv" + _tag), (Host, PublicInterface), (Guest, "scg" + _tag), (Client, "scc" + _tag) })
        {
            await InAsync(ns, "ip", "link", "set", device, "up");
        }

        await InAsync(Guest, "ip", "route", "add", "default", "via", $"10.232.{_subnet}.1");
        await InAsync(Client, "ip", "route", "add", "203.0.113.0/24", "via", "192.0.2.1");
        await InAsync(Host, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }

    public async Task DisposeAsync()
    {
        foreach (var ns in new[] { Host, Guest, Client })
        {
            await Tool.RunAsync("ip", "netns", "del", ns);
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task PublicAddress_ReachesTheGuest_GuestLeavesFromIt_UntilItIsGone()
    {
        var addresses = new PublicAddresses(PublicInterface, _dir.Path, ["ip", "netns", "exec", Host], NullLogger.Instance);
        IReadOnlyList<DesiredDomain> desired = [];
        Assert.False(await PingsAsync(Client, PublicAddress), "nothing answers the public address before it is applied");

        desired = [Desired.Domain("i-1") with { Context = Context(PublicAddress, GuestAddress) }];
        var applied = await addresses.ApplyAsync(() => desired, CancellationToken.None);
        Assert.True(applied.IsOk, applied.Error);

        Assert.True(await PingsAsync(Client, PublicAddress), "the client reaches the guest through its public address");
        Assert.Contains($"inet {PublicAddress}/32", await InAsync(Host, "ip", "-o", "addr", "show", "label", PublicAddresses.LabelOf(PublicInterface)), StringComparison.Ordinal);

        // What the guest sends outside its network arrives from its public address.
        await InAsync(Client, "iptables", "-A", "INPUT", "-s", PublicAddress, "-p", "icmp");
        Assert.True(await PingsAsync(Guest, ClientAddress));
        Assert.True(await PacketsCountedAsync(Client) > 0, "the client saw the guest's packets come from its public address");

        // Applying the same state again changes nothing; an empty one takes everything away.
        Assert.True((await addresses.ApplyAsync(() => desired, CancellationToken.None)).IsOk);
        desired = [];
        Assert.True((await addresses.ApplyAsync(() => desired, CancellationToken.None)).IsOk);
        Assert.False(await PingsAsync(Client, PublicAddress), "the public address is gone");
        Assert.Equal("", (await InAsync(Host, "ip", "-o", "addr", "show", "label", PublicAddresses.LabelOf(PublicInterface))).Trim());
        var rules = await InAsync(Host, "iptables", "-t", "nat", "-S");
        Assert.DoesNotContain("DNAT", rules, StringComparison.Ordinal);
        Assert.Contains("-A PREROUTING -j SC-PUBLIC-IN", rules, StringComparison.Ordinal);
        Assert.Contains("-A POSTROUTING -j SC-PUBLIC-OUT", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeRestarted_FindsItsJumpsAndAddresses_AddsNoSecondCopy()
    {
        IReadOnlyList<DesiredDomain> desired = [Desired.Domain("i-1") with { Context = Context(PublicAddress, GuestAddress) }];
        Assert.True((await new PublicAddresses(PublicInterface, _dir.Path, ["ip", "netns", "exec", Host], NullLogger.Instance).ApplyAsync(() => desired, CancellationToken.None)).IsOk);

        var restarted = await new PublicAddresses(PublicInterface, _dir.Path, ["ip", "netns", "exec", Host], NullLogger.Instance).ApplyAsync(() => desired, CancellationToken.None);

        Assert.True(restarted.IsOk, restarted.Error);
        var rules = (await InAsync(Host, "iptables", "-t", "nat", "-S")).Split('\n');
        Assert.Single(rules, r => r == "-A PREROUTING -j SC-PUBLIC-IN");
        Assert.Single(rules, r => r.StartsWith("-A SC-PUBLIC-IN", StringComparison.Ordinal));
        Assert.True(await PingsAsync(Client, PublicAddress));
    }

    [Fact]
    public async Task RoutedToTheGuest_PassesOnlyWhatItsGroupsAllow_RepliesToItAlways()
    {
        var addresses = new PublicAddresses(PublicInterface, _dir.Path, ["ip", "netns", "exec", Host], NullLogger.Instance);
        IReadOnlyList<DesiredDomain> desired = [Desired.Domain("i-1") with { Context = Context(PublicAddress, GuestAddress), Ingress = [] }];
        Assert.True((await addresses.ApplyAsync(() => desired, CancellationToken.None)).IsOk);

        Assert.False(await PingsAsync(Client, PublicAddress), "no rule allows the client in");
        Assert.True(await PingsAsync(Guest, ClientAddress), "the guest's own connections and their replies pass");

        desired = [desired[0] with { Ingress = [new InboundRule("icmp", -1, -1, "192.0.2.0/24")] }];
        Assert.True((await addresses.ApplyAsync(() => desired, CancellationToken.None)).IsOk);
        Assert.True(await PingsAsync(Client, PublicAddress), "a rule for the client's network lets it in");

        desired = [desired[0] with { Ingress = [new InboundRule("tcp", 22, 22, "192.0.2.0/24")] }];
        Assert.True((await addresses.ApplyAsync(() => desired, CancellationToken.None)).IsOk);
        Assert.False(await PingsAsync(Client, PublicAddress), "a rule for ssh does not let pings in");
        Assert.Contains("-A FORWARD -j SC-GUEST-FWD", await InAsync(Host, "iptables", "-S", "FORWARD"), StringComparison.Ordinal);
    }

    private InstanceContext Context(string publicAddress, string privateAddress) =>
        new("guest", "ami-1", "t1.micro", "r-1", 0, "zone", privateAddress, 24, null, publicAddress, null, [], null, [], new Dictionary<string, string>());

    private static Task<string> InAsync(string ns, string tool, params string[] arguments) =>
        Tool.OutputAsync("ip", ["netns", "exec", ns, tool, .. arguments]);

    private static async Task<bool> PingsAsync(string ns, string address) =>
        (await Tool.RunAsync("ip", "netns", "exec", ns, "busybox", "ping", "-c", "1", "-W", "2", address)).ExitCode == 0;

    // The packet count of the client's one INPUT rule.
    private static async Task<long> PacketsCountedAsync(string ns)
    {
        var listing = await InAsync(ns, "iptables", "-L", "INPUT", "-v", "-x", "-n");
        var rule = listing.Split('\n').Skip(2).First(l => l.Trim().Length > 0);
        return long.Parse(rule.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }
}
