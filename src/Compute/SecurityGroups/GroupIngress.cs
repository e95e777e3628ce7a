using System.Net;
using System.Net.Sockets;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.SecurityGroups;

/// <summary>
/// An instance's security groups as its host enforces them: one flat list of inbound rules, each
/// from a CIDR. A rule whose source is a group becomes one rule per current address (private and
/// public) of that group's members, as EC2-Classic matches group pairs by the peers' addresses.
/// The list is sorted and without repeats, so the same groups always give the same desired hash.
/// </summary>
public static class GroupIngress
{
    /// <summary>The rules of <paramref name="groups"/>, with group sources resolved through <paramref name="memberAddresses"/> (group id → addresses).</summary>
    public static IReadOnlyList<InboundRule> Flatten(IEnumerable<SecurityGroup> groups, IReadOnlyDictionary<string, IReadOnlyList<string>> memberAddresses)
    {
        var flat = new HashSet<InboundRule>();
        foreach (var rule in groups.SelectMany(g => g.Rules))
        {
            // Stored rules were checked when authorised; one that no longer passes is left out rather than guessed at.
            if (SecurityGroupService.RuleError(rule) is not null || Ports(rule) is not var (from, to))
            {
                continue;
            }

            if (rule.CidrIp is { } cidr)
            {
                flat.Add(new InboundRule(rule.Protocol, from, to, IPNetwork.Parse(cidr).ToString()));
                continue;
            }

            foreach (var address in memberAddresses.GetValueOrDefault(rule.SourceGroupId!) ?? [])
            {
                if (IPAddress.TryParse(address, out var ip))
                {
                    var bits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
                    flat.Add(new InboundRule(rule.Protocol, from, to, new IPNetwork(ip, bits).ToString()));
                }
            }
        }

        return [.. flat
            .OrderBy(r => r.Protocol, StringComparer.Ordinal)
            .ThenBy(r => r.FromPort)
            .ThenBy(r => r.ToPort)
            .ThenBy(r => r.SourceCidr, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The ports as the host reads them: every protocol (-1) has none; ICMP carries a type and a code,
    /// each -1 (any) or 0–255; null for an ICMP rule outside that.
    /// </summary>
    private static (int From, int To)? Ports(IngressRule rule) => rule.Protocol switch
    {
        "-1" => (-1, -1),
        "icmp" when rule.FromPort is < -1 or > 255 || rule.ToPort is < -1 or > 255 => null,
        _ => (rule.FromPort, rule.ToPort),
    };
}
