using System.Globalization;
using StandardsCloud.Compute;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// The ingress rules an Authorize, Revoke or UpdateSecurityGroupRuleDescriptions call names:
/// <c>IpPermissions.N.*</c>, the older flat IpProtocol/FromPort/ToPort/CidrIp form, or the
/// EC2-Classic source-group form (<c>SourceSecurityGroupName</c> alone).
/// </summary>
public static class IngressPermissions
{
    /// <summary>
    /// The rules, or the EC2 error for them. <paramref name="mine"/> are the caller's groups (a
    /// source group named by name resolves among them only); <paramref name="account"/> is the
    /// caller's account id, the only owner a source group may have.
    /// </summary>
    public static (IReadOnlyList<IngressRule> Rules, Ec2Result? Error) Read(QueryRequest query, IReadOnlyList<SecurityGroup> mine, string account)
    {
        var permissions = query.Members("IpPermissions");
        if (!permissions.IsValid)
        {
            return Invalid(permissions.Error!);
        }

        var flat = query.Parameters.Where(p => p.Key is "IpProtocol" or "FromPort" or "ToPort" or "CidrIp").ToDictionary(p => p.Key, p => p.Value);
        if (permissions.Count == 0 && query.Get("SourceSecurityGroupName") is { } sourceName)
        {
            return FromSourceGroup(sourceName, query.Get("SourceSecurityGroupOwnerId"), flat, mine, account);
        }

        IReadOnlyList<IReadOnlyDictionary<string, string>> sources = permissions.Count > 0 ? permissions : flat.Count > 0 ? [flat] : [];
        var rules = new List<IngressRule>();
        foreach (var permission in sources)
        {
            var error = AddPermission(rules, permission, mine, account);
            if (error is not null)
            {
                return ([], error);
            }
        }

        return rules.Count == 0
            ? Invalid("No permission given: send IpPermissions.N with IpRanges or Groups, or SourceSecurityGroupName")
            : (rules, null);
    }

    /// <summary>
    /// True for <c>sg-</c> and 8 or 17 lowercase hex digits, the two lengths EC2 has given group ids.
    /// </summary>
    public static bool IsWellFormedGroupId(string id) =>
        id.StartsWith(ResourceIds.SecurityGroupPrefix, StringComparison.Ordinal)
        && (id.Length - ResourceIds.SecurityGroupPrefix.Length) is 8 or 17
        && id.AsSpan(ResourceIds.SecurityGroupPrefix.Length).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>The error for an id that is not shaped like a group id.</summary>
    public static Ec2Result Malformed(string id) =>
        Ec2Result.Fail(Ec2ErrorCode.InvalidGroupIdMalformed, $"Invalid id: \"{id}\" (expecting \"sg-\" and 8 or 17 hex digits)");

    // EC2 API reference, AuthorizeSecurityGroupIngress: SourceSecurityGroupName cannot come with a
    // CIDR, protocol or ports, and grants the source group all TCP, UDP and ICMP access.
    private static (IReadOnlyList<IngressRule> Rules, Ec2Result? Error) FromSourceGroup(
        string name, string? owner, Dictionary<string, string> flat, IReadOnlyList<SecurityGroup> mine, string account)
    {
        if (flat.Count > 0)
        {
            return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination,
                "SourceSecurityGroupName cannot be combined with CidrIp, IpProtocol, FromPort or ToPort; send IpPermissions.N for a protocol and ports"));
        }

        if ((owner is not null && owner != account) || mine.FirstOrDefault(g => g.Name == name) is not { } source)
        {
            return ([], NoGroup(name));
        }

        return ([
            new IngressRule("tcp", 0, 65535, null, source.Id),
            new IngressRule("udp", 0, 65535, null, source.Id),
            new IngressRule("icmp", -1, -1, null, source.Id),
        ], null);
    }

    private static Ec2Result? AddPermission(List<IngressRule> rules, IReadOnlyDictionary<string, string> p, IReadOnlyList<SecurityGroup> mine, string account)
    {
        var protocol = p.GetValueOrDefault("IpProtocol")?.ToLowerInvariant() ?? "";
        protocol = protocol switch { "6" => "tcp", "17" => "udp", "1" => "icmp", _ => protocol };
        if (protocol is not ("tcp" or "udp" or "icmp" or "-1"))
        {
            return Bad(protocol.Length == 0
                ? "Each permission needs an IpProtocol: tcp, udp, icmp or -1"
                : SecurityGroupService.RuleError(new IngressRule(protocol, 0, 0, "0.0.0.0/0", null))!);
        }

        var (from, to, portError) = Ports(p, protocol);
        if (portError is not null)
        {
            return Bad(portError);
        }

        var ranges = QueryLists.Members(p, "IpRanges");
        var peers = QueryLists.Members(p, "Groups");
        if (!ranges.IsValid || !peers.IsValid)
        {
            return Bad(ranges.Error ?? peers.Error!);
        }

        var cidrs = ranges.Select(r => (Cidr: r.GetValueOrDefault("CidrIp"), Note: r.GetValueOrDefault("Description"))).ToList();
        if (p.TryGetValue("CidrIp", out var single))
        {
            cidrs.Add((single, null));
        }

        foreach (var (cidr, note) in cidrs)
        {
            if (cidr is null)
            {
                return Bad("Each IpRanges item needs a CidrIp");
            }

            rules.Add(new IngressRule(protocol, from, to, cidr, null) { Description = note });
        }

        foreach (var peer in peers)
        {
            var (id, name) = (peer.GetValueOrDefault("GroupId"), peer.GetValueOrDefault("GroupName"));
            if (id is not null && !IsWellFormedGroupId(id))
            {
                return Malformed(id);
            }

            if (peer.GetValueOrDefault("UserId") is { } owner && owner != account)
            {
                return NoGroup(id ?? name ?? owner);
            }

            var source = id ?? mine.FirstOrDefault(g => g.Name == name)?.Id;
            if (source is null)
            {
                return name is null ? Bad("Each Groups item needs a GroupId or GroupName") : NoGroup(name);
            }

            rules.Add(new IngressRule(protocol, from, to, null, source) { Description = peer.GetValueOrDefault("Description") });
        }

        return null;
    }

    // All-protocol rules (-1) cover every port and EC2 reports them without ports; the others need both.
    private static (int From, int To, string? Error) Ports(IReadOnlyDictionary<string, string> p, string protocol)
    {
        var (fromText, toText) = (p.GetValueOrDefault("FromPort"), p.GetValueOrDefault("ToPort"));
        if (protocol == "-1" && fromText is null && toText is null)
        {
            return (-1, -1, null);
        }

        if (fromText is null || toText is null)
        {
            return (0, 0, protocol == "icmp"
                ? "An icmp permission needs FromPort (the ICMP type) and ToPort (the code), -1 for any"
                : $"A {protocol} permission needs FromPort and ToPort");
        }

        return int.TryParse(fromText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(toText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to)
            ? (from, to, null)
            : (0, 0, $"FromPort and ToPort must be whole numbers; got '{fromText}' and '{toText}'");
    }

    private static Ec2Result NoGroup(string group) => Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, $"The security group '{group}' does not exist");

    private static Ec2Result Bad(string message) => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, message);

    private static (IReadOnlyList<IngressRule>, Ec2Result?) Invalid(string message) => ([], Bad(message));
}
