using System.Net;
using System.Net.Sockets;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Networking;

/// <summary>
/// One inbound rule, checked and taken apart once for every rule language a host writes it in
/// (libvirt's filters, iptables): the protocol (<c>tcp</c>, <c>udp</c>, <c>icmp</c>, or <c>-1</c> for
/// all), the source network, a port range for tcp and udp, and for icmp a type and a code, each
/// absent for "any".
/// </summary>
public sealed record InboundMatch(string Protocol, IPNetwork Source, int? FromPort, int? ToPort, int? IcmpType, int? IcmpCode)
{
    public bool IsIPv6 => Source.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The rule taken apart; null for one that cannot be expressed, which then allows nothing.</summary>
    public static InboundMatch? Of(InboundRule rule)
    {
        if (!IPNetwork.TryParse(rule.SourceCidr, out var source))
        {
            return null;
        }

        return rule.Protocol switch
        {
            "-1" => new("-1", source, null, null, null, null),
            "tcp" or "udp" when rule.FromPort is >= 0 and <= 65535 && rule.ToPort is >= 0 and <= 65535 && rule.FromPort <= rule.ToPort =>
                new(rule.Protocol, source, rule.FromPort, rule.ToPort, null, null),
            // EC2: FromPort is the ICMP type, ToPort the code, -1 for any; a code means something only within a type.
            "icmp" when rule.FromPort is >= -1 and <= 255 && rule.ToPort is >= -1 and <= 255 =>
                new("icmp", source, null, null, rule.FromPort >= 0 ? rule.FromPort : null, rule.FromPort >= 0 && rule.ToPort >= 0 ? rule.ToPort : null),
            _ => null,
        };
    }
}
