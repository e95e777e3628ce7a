using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>Security groups and their permissions as DescribeSecurityGroups and RevokeSecurityGroupIngress answer them.</summary>
public static class SecurityGroupXml
{
    /// <summary>One <c>securityGroupInfo</c> item; <paramref name="sources"/> are the groups its rules' pairs are shown from.</summary>
    public static Ec2XmlWriter Group(this Ec2XmlWriter item, SecurityGroup g, IReadOnlyList<SourceGroup> sources) => item
        .Element("ownerId", AccountIds.Of(g.Owner))
        .Element("groupId", g.Id)
        .Element("groupName", g.Name)
        .Element("groupDescription", g.Description)
        .Set("ipPermissions", Permissions(g.Rules), (p, rules) => p.Permission(rules, sources))
        .Set("ipPermissionsEgress", Array.Empty<string>(), (_, _) => { })
        .TagSet(g.Tags);

    /// <summary>Rules as EC2 lists them: one permission per protocol and port range, holding its sources.</summary>
    public static IEnumerable<IGrouping<(string Protocol, int From, int To), IngressRule>> Permissions(IEnumerable<IngressRule> rules) =>
        rules.GroupBy(r => (r.Protocol, r.FromPort, r.ToPort));

    // EC2 API reference, IpPermission, IpRange and UserIdGroupPair: each source carries its rule's description, and a
    // group pair its owner's account (another owner's for a group of another account) and name while the group exists.
    public static Ec2XmlWriter Permission(this Ec2XmlWriter w, IGrouping<(string Protocol, int From, int To), IngressRule> rules, IReadOnlyList<SourceGroup> sources)
    {
        w.Element("ipProtocol", rules.Key.Protocol);
        if (rules.Key.Protocol != "-1")
        {
            w.Element("fromPort", rules.Key.From).Element("toPort", rules.Key.To);
        }

        return w
            .Set("groups", rules.Where(r => r.SourceGroupId is not null).ToList(), (g, r) =>
            {
                var source = sources.FirstOrDefault(s => s.Id == r.SourceGroupId);
                g.Element("userId", source is null ? null : AccountIds.Of(source.Owner))
                    .Element("groupId", r.SourceGroupId)
                    .Element("groupName", source?.Name)
                    .Element("description", r.Description);
            })
            .Set("ipRanges", rules.Where(r => r.CidrIp is not null).ToList(), (c, r) => c
                .Element("cidrIp", r.CidrIp)
                .Element("description", r.Description));
    }
}
