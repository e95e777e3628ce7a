using System.Globalization;
using System.Xml.Linq;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Networking;

/// <summary>
/// A guest's security groups as a libvirt network filter (nwfilter XML, see libvirt's
/// "Network Filters" format page): stateful, EC2-Classic style. Replies to accepted traffic pass
/// both ways, the guest may open any connection, a new inbound connection passes only when a rule
/// allows it, and every other inbound packet is dropped. Only IP traffic is filtered; ARP is left alone.
/// </summary>
public static class GuestFilterXml
{
    /// <summary>Rules a filter may hold; more is a core gone wrong, and the guest is refused rather than the host flooded with rules.</summary>
    public const int MaxRules = 10_000;

    // Lower runs first (libvirt orders a filter's rules by priority, -1000 to 1000).
    private const string RepliesFirst = "100";
    private const string OutboundNext = "110";
    private const string AllowedInbound = "200";
    private const string DropLast = "900";

    /// <summary>The filter of an instance's interface.</summary>
    public static string NameFor(string instanceId) => "sc-" + instanceId;

    /// <summary>Why <paramref name="rules"/> cannot become a filter, or null.</summary>
    public static string? Check(IReadOnlyList<InboundRule> rules) =>
        rules.Count > MaxRules ? $"{rules.Count} inbound rules, more than the {MaxRules} a guest's filter may hold" : null;

    /// <summary>
    /// The filter XML. <paramref name="uuid"/> is the UUID of the filter of that name libvirt holds
    /// already, if any: libvirt replaces a filter only when the UUID matches.
    /// </summary>
    public static string Build(string instanceId, IReadOnlyList<InboundRule> rules, string? uuid)
    {
        var filter = new XElement("filter", new XAttribute("name", NameFor(instanceId)), new XAttribute("chain", "root"));
        if (uuid is not null)
        {
            filter.Add(new XElement("uuid", uuid));
        }

        // Replies to what either side accepted (libvirt adds no reverse rules when a state is named).
        filter.Add(
            Rule("accept", "inout", RepliesFirst, new XElement("all", new XAttribute("state", "ESTABLISHED,RELATED"))),
            Rule("accept", "inout", RepliesFirst, new XElement("all-ipv6", new XAttribute("state", "ESTABLISHED,RELATED"))),
            Rule("accept", "out", OutboundNext, new XElement("all", new XAttribute("state", "NEW"))),
            Rule("accept", "out", OutboundNext, new XElement("all-ipv6", new XAttribute("state", "NEW"))));
        foreach (var rule in rules)
        {
            if (Match(rule) is { } match)
            {
                filter.Add(Rule("accept", "in", AllowedInbound, match));
            }
        }

        filter.Add(
            Rule("drop", "in", DropLast, new XElement("all"), stateless: true),
            Rule("drop", "in", DropLast, new XElement("all-ipv6"), stateless: true));
        return filter.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The UUID in a filter's XML as libvirt returns it.</summary>
    public static string? UuidOf(string xml) => XElement.Parse(xml).Element("uuid")?.Value.Trim();

    private static XElement Rule(string action, string direction, string priority, XElement match, bool stateless = false)
    {
        var rule = new XElement("rule",
            new XAttribute("action", action),
            new XAttribute("direction", direction),
            new XAttribute("priority", priority));
        if (stateless)
        {
            // A final drop needs no reverse rule for replies: those were accepted first.
            rule.Add(new XAttribute("statematch", "false"));
        }

        rule.Add(match);
        return rule;
    }

    /// <summary>The match of one new inbound connection; null for a rule that cannot be expressed, which then allows nothing.</summary>
    private static XElement? Match(InboundRule rule)
    {
        if (InboundMatch.Of(rule) is not { } m)
        {
            return null;
        }

        var name = (m.Protocol, m.IsIPv6) switch
        {
            ("tcp", false) => "tcp",
            ("tcp", true) => "tcp-ipv6",
            ("udp", false) => "udp",
            ("udp", true) => "udp-ipv6",
            ("icmp", false) => "icmp",
            ("icmp", true) => "icmpv6",
            (_, false) => "all",
            (_, true) => "all-ipv6",
        };
        var match = new XElement(name,
            new XAttribute("srcipaddr", m.Source.BaseAddress.ToString()),
            new XAttribute("srcipmask", Number(m.Source.PrefixLength)));
        if (m is { FromPort: { } from, ToPort: { } to })
        {
            match.Add(new XAttribute("dstportstart", Number(from)), new XAttribute("dstportend", Number(to)));
        }

        if (m.IcmpType is { } type)
        {
            match.Add(new XAttribute("type", Number(type)));
        }

        if (m.IcmpCode is { } code)
        {
            match.Add(new XAttribute("code", Number(code)));
        }

        match.Add(new XAttribute("state", "NEW"));
        return match;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
