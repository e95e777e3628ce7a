using System.Globalization;
using StandardsCloud.Compute.SecurityGroups;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// The filters DescribeSecurityGroups takes. Each <c>ip-permission.*</c> filter looks at every
/// rule of a group on its own, so with several of them a group matches when some rule meets each,
/// not necessarily one rule meeting all (EC2 API reference, DescribeSecurityGroups, Filter.N).
/// EC2-Classic groups have no outbound rules, so the <c>egress.ip-permission.*</c> filters match nothing.
/// </summary>
public static class SecurityGroupFilters
{
    private static readonly string[] EgressFilters =
    [
        "egress.ip-permission.cidr", "egress.ip-permission.from-port", "egress.ip-permission.group-id",
        "egress.ip-permission.group-name", "egress.ip-permission.ipv6-cidr", "egress.ip-permission.prefix-list-id",
        "egress.ip-permission.protocol", "egress.ip-permission.to-port", "egress.ip-permission.user-id",
    ];

    /// <summary>The filter fields, resolving source groups among <paramref name="sources"/> (the caller's groups and the other owners' its rules name).</summary>
    public static FilterFields<SecurityGroup> For(IReadOnlyList<SourceGroup> sources)
    {
        var fields = new FilterFields<SecurityGroup>
        {
            Tags = g => g.Tags,
            ["group-id"] = g => g.Id,
            ["group-name"] = g => g.Name,
            ["description"] = g => g.Description,
            ["owner-id"] = g => AccountIds.Of(g.Owner),
        };
        SourceGroup? Source(IngressRule r) => sources.FirstOrDefault(s => s.Id == r.SourceGroupId);
        fields
            .Many("ip-permission.cidr", g => g.Rules.Select(r => r.CidrIp).OfType<string>())
            .Many("ip-permission.from-port", g => g.Rules.Where(HasPorts).Select(r => Number(r.FromPort)))
            .Many("ip-permission.to-port", g => g.Rules.Where(HasPorts).Select(r => Number(r.ToPort)))
            .Many("ip-permission.protocol", g => g.Rules.SelectMany(r => ProtocolNames(r.Protocol)))
            .Many("ip-permission.group-id", g => g.Rules.Select(r => r.SourceGroupId).OfType<string>())
            .Many("ip-permission.group-name", g => g.Rules.Select(r => Source(r)?.Name).OfType<string>())
            .Many("ip-permission.user-id", g => g.Rules.Select(r => Source(r) is { } s ? AccountIds.Of(s.Owner) : null).OfType<string>())
            .Many("ip-permission.ipv6-cidr", _ => [])
            .Many("ip-permission.prefix-list-id", _ => []);
        foreach (var name in EgressFilters)
        {
            fields.Many(name, _ => []);
        }

        return fields;
    }

    // Rules for every protocol (-1) are listed without ports, so they have none to match.
    private static bool HasPorts(IngressRule r) => r.Protocol != "-1";

    private static string Number(int port) => port.ToString(CultureInfo.InvariantCulture);

    // A protocol filter may name the protocol or give its number.
    private static string[] ProtocolNames(string protocol) => protocol switch
    {
        "tcp" => ["tcp", "6"],
        "udp" => ["udp", "17"],
        "icmp" => ["icmp", "1"],
        _ => [protocol],
    };
}
