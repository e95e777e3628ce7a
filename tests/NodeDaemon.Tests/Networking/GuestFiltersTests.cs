using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Networking;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Networking;

/// <summary>
/// Guests' filters in the real libvirtd's nwfilter driver: defined from the rules, read back,
/// replaced in place, removed. Once another test of this process has opened the embedded QEMU
/// driver, libvirt treats the process as a daemon whose connections must go straight to a
/// driver's own daemon (mode=direct); the URI therefore names libvirtd's socket, the daemon
/// <c>./test.sh</c> starts, which serves the nwfilter driver too.
/// </summary>
public sealed class GuestFiltersTests
{
    private const string Uri = "nwfilter:///system?mode=direct&socket=/var/run/libvirt/libvirt-sock";

    private static string NewInstanceId() => "i-" + Guid.NewGuid().ToString("N")[..17];

    [Fact]
    public void Ensure_DefinesTheFilter_ReadBackWithTheRules()
    {
        using var connection = Open();
        var filters = new GuestFilters(connection, NullLogger.Instance);
        var instanceId = NewInstanceId();
        var domain = Desired.Domain(instanceId) with
        {
            Ingress = [new InboundRule("tcp", 22, 22, "192.0.2.0/24"), new InboundRule("icmp", 8, -1, "0.0.0.0/0")],
        };
        try
        {
            Assert.True(filters.Ensure(domain).IsOk);

            var filter = ReadBack(connection, instanceId);
            Assert.NotNull(filter.Element("uuid"));
            Assert.Equal(
                ["tcp 192.0.2.0/24 22-22", "icmp 0.0.0.0/0 8-"],
                AllowedInbound(filter));
            Assert.Equal("drop", (string?)filter.Elements("rule").Last().Attribute("action"));
        }
        finally
        {
            filters.Remove(instanceId);
        }
    }

    [Fact]
    public void Ensure_RulesChanged_SameFilterReplaced_AndRemoveTakesItAway()
    {
        using var connection = Open();
        var instanceId = NewInstanceId();
        var domain = Desired.Domain(instanceId) with { Ingress = [new InboundRule("tcp", 80, 80, "0.0.0.0/0")] };
        try
        {
            Assert.True(new GuestFilters(connection, NullLogger.Instance).Ensure(domain).IsOk);
            var uuid = ReadBack(connection, instanceId).Element("uuid")!.Value;

            // A second node process (a restart) knows nothing of the filter and still replaces it.
            var restarted = new GuestFilters(connection, NullLogger.Instance);
            var changed = restarted.Ensure(domain with { Ingress = [new InboundRule("udp", 53, 53, "10.0.0.0/8")] });

            Assert.True(changed.IsOk, changed.Error);
            var filter = ReadBack(connection, instanceId);
            Assert.Equal(uuid, filter.Element("uuid")!.Value);
            Assert.Equal(["udp 10.0.0.0/8 53-53"], AllowedInbound(filter));

            Assert.True(restarted.Remove(instanceId).IsOk);
            var gone = connection.FindFilter(GuestFilterXml.NameFor(instanceId));
            Assert.True(gone.IsOk, gone.Error);
            Assert.Null(gone.Value);
            Assert.True(restarted.Remove(instanceId).IsOk);
        }
        finally
        {
            new GuestFilters(connection, NullLogger.Instance).Remove(instanceId);
        }
    }

    [Fact]
    public void Apply_GuestNoLongerDesired_ItsFilterRemoved_OthersKept()
    {
        using var connection = Open();
        var filters = new GuestFilters(connection, NullLogger.Instance);
        var (kept, dropped) = (NewInstanceId(), NewInstanceId());
        DesiredDomain Filtered(string id) => Desired.Domain(id) with { Ingress = [] };
        try
        {
            Assert.True(filters.Apply(() => [Filtered(kept), Filtered(dropped)]).IsOk);
            Assert.True(filters.Apply(() => [Filtered(kept)]).IsOk);

            Assert.NotNull(connection.FindFilter(GuestFilterXml.NameFor(kept)).Value);
            Assert.Null(connection.FindFilter(GuestFilterXml.NameFor(dropped)).Value);
        }
        finally
        {
            filters.Remove(kept);
            filters.Remove(dropped);
        }
    }

    private static VirtConnection Open()
    {
        var opened = VirtConnection.Open(Uri);
        Assert.True(opened.IsOk, $"libvirtd must run with its nwfilter driver (scripts/libvirtd.sh start): {opened.Error}");
        return opened.Value;
    }

    private static XElement ReadBack(VirtConnection connection, string instanceId)
    {
        var found = connection.FindFilter(GuestFilterXml.NameFor(instanceId));
        Assert.True(found.IsOk && found.Value is not null, found.Error ?? "no filter");
        using var filter = found.Value;
        var xml = filter.GetXml();
        Assert.True(xml.IsOk, xml.Error);
        return XElement.Parse(xml.Value);
    }

    /// <summary>The accepted inbound matches as "protocol source from-to", from libvirt's own rendering.</summary>
    private static List<string> AllowedInbound(XElement filter) =>
    [
        .. filter.Elements("rule")
            .Where(r => (string?)r.Attribute("action") == "accept" && (string?)r.Attribute("direction") == "in")
            .Select(r => r.Elements().Single())
            .Select(m => $"{m.Name.LocalName} {(string?)m.Attribute("srcipaddr")}/{(string?)m.Attribute("srcipmask")} "
                + $"{(string?)m.Attribute("dstportstart") ?? (string?)m.Attribute("type")}-{(string?)m.Attribute("dstportend") ?? (string?)m.Attribute("code")}"),
    ];
}
