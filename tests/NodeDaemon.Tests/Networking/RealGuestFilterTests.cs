using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Networking;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Networking;

/// <summary>
/// A node daemon process on <c>qemu:///system</c> with a bridge runs a real guest whose security
/// group rules it gets from the (fake) core; the host's own iptables rules for the guest's tap
/// device show them, follow a change of rules while the guest runs on, and go with the guest.
/// </summary>
[Collection(RealQemu.Guests)]
public sealed partial class RealGuestFilterTests
{
    private const string System = "qemu:///system";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task GuestOnBridge_HostRulesFollowItsSecurityGroups_AndGoWithIt()
    {
        using var dir = new TempDir();
        // QEMU runs as its own user: it must reach the image cache, the overlays, the context disks and the consoles.
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        var instanceId = "i-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17];
        var name = DomainName.For(instanceId);
        using var bridge = HostBridge.Create();
        var guest = Guests.Domain(instanceId, Guests.Context(bridge.Address(10)) with { Gateway = bridge.Gateway }) with
        {
            Image = await RealQemu.TinyImageAsync(),
            Ingress = [new InboundRule("tcp", 22, 22, "192.0.2.0/24"), new InboundRule("icmp", 8, -1, "0.0.0.0/0")],
        };
        await using var core = await FakeCore.StartAsync();
        core.SetDesired(guest);

        var node = NodeDaemonProcess.Start(
            ["--core", core.Url.ToString().TrimEnd('/'), "--join-token", FakeCore.JoinToken, "--name", "filter-host",
             "--uri", System, "--data-dir", dir.File("node"), "--bridge", bridge.Name, "--metadata-listen", "off"]);
        try
        {
            await core.WaitForReportAsync(r => r.Any(d => d.InstanceId == instanceId && d.State == DomainState.Running), Patience);
            var tap = await TapOfAsync(name);
            var domainId = await VirshAsync("domid", name);

            // Traffic to the guest leaves the bridge by its tap: libvirt-out sends it to the guest's own chain.
            await EventuallyAsync(() => IptablesAsync("libvirt-out"), rules => rules.Contains($"--physdev-out {tap} ", StringComparison.Ordinal));
            var toGuest = await EventuallyAsync(() => IptablesAsync("FO-" + tap), rules => rules.StartsWith("-N FO-", StringComparison.Ordinal));
            Assert.Contains("-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", toGuest, StringComparison.Ordinal);
            Assert.Contains("-s 192.0.2.0/24 -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT", toGuest, StringComparison.Ordinal);
            Assert.Contains("-p icmp -m icmp --icmp-type 8 -m conntrack --ctstate NEW -j ACCEPT", toGuest, StringComparison.Ordinal);
            Assert.EndsWith($"-A FO-{tap} -j DROP", toGuest.TrimEnd(), StringComparison.Ordinal);

            // A rule authorised and one revoked while the guest runs: its chain follows, the guest is not restarted.
            core.SetDesired(guest with { Ingress = [new InboundRule("tcp", 80, 443, "198.51.100.0/24")] });
            var changed = await EventuallyAsync(
                () => IptablesAsync("FO-" + tap),
                rules => rules.Contains("-s 198.51.100.0/24 -p tcp -m tcp --dport 80:443 -m conntrack --ctstate NEW -j ACCEPT", StringComparison.Ordinal)
                    && !rules.Contains("--dport 22", StringComparison.Ordinal));
            Assert.EndsWith($"-A FO-{tap} -j DROP", changed.TrimEnd(), StringComparison.Ordinal);
            Assert.Equal(domainId, await VirshAsync("domid", name));

            // The guest goes: its rules and its filter go with it.
            core.SetDesired();
            await core.WaitForReportAsync(r => r.All(d => d.InstanceId != instanceId), Patience);
            await EventuallyAsync(() => AllRulesAsync(), rules => !rules.StartsWith("error: ", StringComparison.Ordinal) && !rules.Contains(tap + " ", StringComparison.Ordinal) && !rules.Contains("FO-" + tap, StringComparison.Ordinal));
            await EventuallyAsync(() => VirshAsync("nwfilter-list"), filters => !filters.Contains(GuestFilterXml.NameFor(instanceId), StringComparison.Ordinal));
            Assert.False(node.HasExited, node.Output);
        }
        finally
        {
            await node.DisposeAsync();
            await Tool.RunAsync("virsh", "-c", System, "destroy", name);
            await Tool.RunAsync("virsh", "-c", System, "undefine", name);
            await Tool.RunAsync("virsh", "-c", System, "nwfilter-undefine", GuestFilterXml.NameFor(instanceId));
        }
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task PeerOnTheBridge_PingsTheGuest_OnlyWhileARuleAllowsIt()
    {
        using var dir = new TempDir();
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        var instanceId = "i-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17];
        var name = DomainName.For(instanceId);
        using var bridge = HostBridge.Create();
        // Another machine on the guests' network: a namespace whose interface is a port of the bridge.
        using var peer = BridgePeer.Create(bridge.Name, bridge.Address(20) + "/24");
        var guestAddress = bridge.Address(10);
        var allowPing = new InboundRule("icmp", 8, -1, bridge.Address(20) + "/32");
        var guest = Guests.Domain(instanceId, Guests.Context(guestAddress) with { Gateway = bridge.Gateway }) with
        {
            Image = await RealQemu.TinyDirectBootAsync("console=ttyS0"),
            Ingress = [allowPing],
        };
        await using var core = await FakeCore.StartAsync();
        core.SetDesired(guest);
        var data = dir.File("node");

        var node = NodeDaemonProcess.Start(
            ["--core", core.Url.ToString().TrimEnd('/'), "--join-token", FakeCore.JoinToken, "--name", "filter-host",
             "--uri", System, "--data-dir", data, "--bridge", bridge.Name, "--metadata-listen", "off"]);
        try
        {
            await RealQemu.WaitForConsoleAsync(new DomainLayout(data).ConsolePath(instanceId), $"StandardsCloud tiny guest: eth0 {guestAddress}/24");
            await EventuallyAsync(() => peer.PingAsync(guestAddress), answer => answer == "answered");
            var tap = await TapOfAsync(name);

            // The only rule revoked: the guest's next pings go unanswered, though it runs on.
            core.SetDesired(guest with { Ingress = [] });
            await EventuallyAsync(() => peer.PingAsync(guestAddress), answer => answer == "unanswered");
            Assert.Equal("running", await VirshAsync("domstate", name));

            // Allowed again from another address only: still nothing for the peer.
            core.SetDesired(guest with { Ingress = [allowPing with { SourceCidr = bridge.Address(21) + "/32" }] });
            await EventuallyAsync(() => IptablesAsync("FO-" + tap), rules => rules.Contains(bridge.Address(21), StringComparison.Ordinal));
            Assert.Equal("unanswered", await peer.PingAsync(guestAddress));

            core.SetDesired(guest);
            await EventuallyAsync(() => peer.PingAsync(guestAddress), answer => answer == "answered");
            Assert.False(node.HasExited, node.Output);
        }
        finally
        {
            core.SetDesired();
            await core.WaitForReportAsync(r => r.All(d => d.InstanceId != instanceId), Patience);
            await node.DisposeAsync();
            await Tool.RunAsync("virsh", "-c", System, "destroy", name);
            await Tool.RunAsync("virsh", "-c", System, "undefine", name);
            await Tool.RunAsync("virsh", "-c", System, "nwfilter-undefine", GuestFilterXml.NameFor(instanceId));
        }
    }

    /// <summary>The host side of the guest's only interface (vnetN).</summary>
    private static async Task<string> TapOfAsync(string domain)
    {
        var listing = await VirshAsync("domiflist", domain);
        var tap = TapName().Match(listing);
        Assert.True(tap.Success, $"no tap device in:\n{listing}");
        return tap.Value;
    }

    private static async Task<string> VirshAsync(params string[] arguments) => (await Tool.OutputAsync("virsh", ["-c", System, .. arguments])).Trim();

    /// <summary>
    /// A chain's rules; while libvirt rewrites them iptables may find the chain unreadable for a
    /// moment, and then answers its error, which no condition here accepts.
    /// </summary>
    private static async Task<string> IptablesAsync(string chain)
    {
        var (exitCode, output, error) = await Tool.RunAsync("iptables", "-S", chain);
        return exitCode == 0 ? output : "error: " + error;
    }

    private static async Task<string> AllRulesAsync()
    {
        var (exitCode, output, error) = await Tool.RunAsync("iptables", "-S");
        return exitCode == 0 ? output : "error: " + error + " " + output;
    }

    /// <summary>What <paramref name="read"/> gives once it satisfies <paramref name="condition"/>; fails the test with the last reading after a while.</summary>
    private static async Task<string> EventuallyAsync(Func<Task<string>> read, Func<string, bool> condition)
    {
        var until = DateTime.UtcNow + Patience;
        var seen = "";
        while (DateTime.UtcNow < until)
        {
            seen = await read();
            if (condition(seen))
            {
                return seen;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"never came true; last seen:\n{seen}");
        return seen;
    }

    [GeneratedRegex(@"\bvnet\d+\b")]
    private static partial Regex TapName();
}
