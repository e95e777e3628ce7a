using System.Xml.Linq;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Networking;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Networking;

public sealed class GuestFilterXmlTests
{
    private static XElement Build(params InboundRule[] rules) => XElement.Parse(GuestFilterXml.Build("i-0123456789abcdef0", rules, uuid: null));

    /// <summary>The accepted new inbound connections, as "element attr=value …" in filter order.</summary>
    private static List<string> Allowed(XElement filter) =>
    [
        .. filter.Elements("rule")
            .Where(r => (string?)r.Attribute("action") == "accept" && (string?)r.Attribute("direction") == "in")
            .Select(r => r.Elements().Single())
            .Select(m => string.Join(' ', m.Attributes().Where(a => a.Name != "state").Select(a => $"{a.Name}={a.Value}").Prepend(m.Name.LocalName))),
    ];

    [Fact]
    public void Build_NamedForTheInstance_InTheRootChain()
    {
        var filter = Build();

        Assert.Equal("sc-i-0123456789abcdef0", (string?)filter.Attribute("name"));
        Assert.Equal("root", (string?)filter.Attribute("chain"));
        Assert.Null(filter.Element("uuid"));
    }

    [Fact]
    public void Build_NoRules_RepliesAndOutboundPass_EveryNewInboundDropped()
    {
        var rules = Build().Elements("rule").Select(r => (
            Action: (string)r.Attribute("action")!,
            Direction: (string)r.Attribute("direction")!,
            Match: r.Elements().Single().Name.LocalName,
            State: (string?)r.Elements().Single().Attribute("state"))).ToList();

        Assert.Equal(
            [
                ("accept", "inout", "all", "ESTABLISHED,RELATED"),
                ("accept", "inout", "all-ipv6", "ESTABLISHED,RELATED"),
                ("accept", "out", "all", "NEW"),
                ("accept", "out", "all-ipv6", "NEW"),
                ("drop", "in", "all", null),
                ("drop", "in", "all-ipv6", null),
            ],
            rules);
    }

    [Fact]
    public void Build_Rules_EachANewInboundMatch_BeforeTheDrop()
    {
        var filter = Build(
            new InboundRule("tcp", 22, 22, "192.0.2.0/24"),
            new InboundRule("udp", 5000, 5010, "10.10.0.7/32"),
            new InboundRule("icmp", 8, -1, "0.0.0.0/0"),
            new InboundRule("icmp", 3, 4, "0.0.0.0/0"),
            new InboundRule("icmp", -1, -1, "198.51.100.0/24"),
            new InboundRule("-1", -1, -1, "10.0.0.0/8"),
            new InboundRule("tcp", 443, 443, "2001:db8::/32"));

        Assert.Equal(
            [
                "tcp srcipaddr=192.0.2.0 srcipmask=24 dstportstart=22 dstportend=22",
                "udp srcipaddr=10.10.0.7 srcipmask=32 dstportstart=5000 dstportend=5010",
                "icmp srcipaddr=0.0.0.0 srcipmask=0 type=8",
                "icmp srcipaddr=0.0.0.0 srcipmask=0 type=3 code=4",
                "icmp srcipaddr=198.51.100.0 srcipmask=24",
                "all srcipaddr=10.0.0.0 srcipmask=8",
                "tcp-ipv6 srcipaddr=2001:db8:: srcipmask=32 dstportstart=443 dstportend=443",
            ],
            Allowed(filter));
        Assert.All(
            filter.Elements("rule").Where(r => (string?)r.Attribute("direction") == "in" && (string?)r.Attribute("action") == "accept"),
            r => Assert.Equal("NEW", (string?)r.Elements().Single().Attribute("state")));
        var priorities = filter.Elements("rule").Select(r => int.Parse((string)r.Attribute("priority")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(priorities.Order(), priorities);
        Assert.Equal("drop", (string?)filter.Elements("rule").Last().Attribute("action"));
    }

    [Theory]
    [InlineData("tcp", 90, 80, "0.0.0.0/0")]
    [InlineData("tcp", 0, 70000, "0.0.0.0/0")]
    [InlineData("icmp", 300, -1, "0.0.0.0/0")]
    [InlineData("gre", 0, 0, "0.0.0.0/0")]
    [InlineData("tcp", 22, 22, "not-a-network")]
    [InlineData("tcp", 22, 22, "10.0.0.0/33")]
    public void Build_RuleItCannotExpress_AllowsNothing(string protocol, int from, int to, string cidr) =>
        Assert.Empty(Allowed(Build(new InboundRule(protocol, from, to, cidr))));

    [Fact]
    public void Build_WithTheHeldUuid_CarriesIt_AndUuidOfReadsItBack()
    {
        var xml = GuestFilterXml.Build("i-1", [], "a8181cb5-c80f-4b8e-abd3-38c5f720fcc4");

        Assert.Equal("a8181cb5-c80f-4b8e-abd3-38c5f720fcc4", GuestFilterXml.UuidOf(xml));
        Assert.Null(GuestFilterXml.UuidOf(GuestFilterXml.Build("i-1", [], null)));
    }

    [Fact]
    public void Check_TooManyRules_Refused()
    {
        Assert.Null(GuestFilterXml.Check([.. Enumerable.Repeat(new InboundRule("tcp", 1, 1, "0.0.0.0/0"), GuestFilterXml.MaxRules)]));
        Assert.NotNull(GuestFilterXml.Check([.. Enumerable.Repeat(new InboundRule("tcp", 1, 1, "0.0.0.0/0"), GuestFilterXml.MaxRules + 1)]));
    }

    [Fact]
    public void DomainXml_WithRules_InterfaceReferencesTheGuestsFilter_WithoutRules_None()
    {
        var flavour = HypervisorFlavour.Qemu(kvm: false) with { Bridge = "scbr0" };
        var layout = new DomainLayout("/var/lib/sc");
        var filtered = Desired.Domain("i-1") with { Ingress = [new InboundRule("tcp", 22, 22, "0.0.0.0/0")] };

        var nic = XElement.Parse(DomainXml.Build(filtered, flavour, layout, 0)).Element("devices")!.Element("interface")!;
        var open = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), flavour, layout, 0)).Element("devices")!.Element("interface")!;

        Assert.Equal("sc-i-1", (string?)nic.Element("filterref")?.Attribute("filter"));
        Assert.Null(open.Element("filterref"));
    }
}
