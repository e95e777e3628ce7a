using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Networking;

/// <summary>
/// Security groups for traffic the host routes to its guests (to a public address, translated by
/// <see cref="NatRules"/>, or through the host as a gateway): libvirt's guest filters see only
/// bridged traffic. One chain of the node's own in the filter table, jumped to from FORWARD, holds
/// for each guest with known rules: replies pass, a new connection passes when a rule allows it,
/// anything else to the guest's private address is dropped. Passing means going on through
/// FORWARD (RETURN), so the site's own forwarding rules still apply.
/// </summary>
public static class ForwardRules
{
    public const string Chain = "SC-GUEST-FWD";

    /// <summary>Lines of a <c>*filter</c> section for <c>iptables-restore --noflush</c>, replacing the chain whole.</summary>
    public static string Restore(IEnumerable<DesiredDomain> domains)
    {
        var text = new StringBuilder("*filter\n").Append(CultureInfo.InvariantCulture, $":{Chain} - [0:0]\n");
        foreach (var domain in domains.OrderBy(d => d.InstanceId, StringComparer.Ordinal))
        {
            if (domain is not { Ingress: { } rules, Context.PrivateAddress: { } address }
                || !IPAddress.TryParse(address, out var guest) || guest.AddressFamily != AddressFamily.InterNetwork
                || GuestFilterXml.Check(rules) is not null)
            {
                continue;
            }

            var to = $"-A {Chain} -d {guest}/32";
            text.Append(CultureInfo.InvariantCulture, $"{to} -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n");
            foreach (var match in rules.Select(Match).OfType<string>())
            {
                text.Append(CultureInfo.InvariantCulture, $"{to} {match} -m conntrack --ctstate NEW -j RETURN\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{to} -j DROP\n");
        }

        return text.Append("COMMIT\n").ToString();
    }

    /// <summary>The iptables match of one rule; null for a rule that cannot be expressed here (IPv6, bad ports), which allows nothing.</summary>
    private static string? Match(InboundRule rule)
    {
        if (InboundMatch.Of(rule) is not { IsIPv6: false } m)
        {
            return null;
        }

        var match = new StringBuilder("-s ").Append(m.Source);
        if (m.Protocol != "-1")
        {
            match.Append(" -p ").Append(m.Protocol);
        }

        if (m is { FromPort: { } from, ToPort: { } to })
        {
            match.Append(CultureInfo.InvariantCulture, $" --dport {from}:{to}");
        }

        if (m.IcmpType is { } type)
        {
            match.Append(CultureInfo.InvariantCulture, $" --icmp-type {type}");
            if (m.IcmpCode is { } code)
            {
                match.Append(CultureInfo.InvariantCulture, $"/{code}");
            }
        }

        return match.ToString();
    }
}
