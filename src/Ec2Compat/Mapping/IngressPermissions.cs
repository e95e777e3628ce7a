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
/// <remarks>
/// A source group is named as EC2-Classic's UserIdGroupPair: by <c>GroupId</c>, or by
/// <c>GroupName</c> of the account <c>UserId</c> names (the caller's when absent). It may be
/// another account's group: the rule then admits that group's members to the caller's instances.
/// </remarks>
public static class IngressPermissions
{
    /// <summary>One source group as the request names it (EC2 API reference, UserIdGroupPair).</summary>
    public sealed record GroupPair(string? UserId, string? GroupId, string? GroupName);

    /// <summary>Every source group the request names, so that the caller can look up other accounts' groups before <see cref="Read"/>.</summary>
    public static IReadOnlyList<GroupPair> Pairs(QueryRequest query)
    {
        // A malformed list reads as empty here; Read reports it.
        var pairs = query.Members("IpPermissions")
            .SelectMany(p => QueryLists.Members(p, "Groups"))
            .Select(g => new GroupPair(g.GetValueOrDefault("UserId"), g.GetValueOrDefault("GroupId"), g.GetValueOrDefault("GroupName")))
            .ToList();
        if (query.Get("SourceSecurityGroupName") is { } name)
        {
            pairs.Add(new GroupPair(query.Get("SourceSecurityGroupOwnerId"), null, name));
        }

        return pairs;
    }

    /// <summary>
    /// The rules, or the EC2 error for them. <paramref name="known"/> are the groups a source may
    /// be: the caller's and those of other accounts the request names (<see cref="Pairs"/>);
    /// <paramref name="account"/> is the caller's account id, the owner of a group named without one.
    /// </summary>
    public static (IReadOnlyList<IngressRule> Rules, Ec2Result? Error) Read(QueryRequest query, IReadOnlyList<SourceGroup> known, string account)
    {
        var permissions = query.Members("IpPermissions");
        if (!permissions.IsValid)
        {
            return Invalid(permissions.Error!);
        }

        var flat = query.Parameters.Where(p => p.Key is "IpProtocol" or "FromPort" or "ToPort" or "CidrIp").ToDictionary(p => p.Key, p => p.Value);
        if (permissions.Count == 0 && query.Get("SourceSecurityGroupName") is { } sourceName)
        {
            return FromSourceGroup(new GroupPair(query.Get("SourceSecurityGroupOwnerId"), null, sourceName), flat, known, account);
        }

        IReadOnlyList<IReadOnlyDictionary<string, string>> sources = permissions.Count > 0 ? permissions : flat.Count > 0 ? [flat] : [];
        var rules = new List<IngressRule>();
        foreach (var permission in sources)
        {
            var error = AddPermission(rules, permission, known, account);
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
        GroupPair pair, Dictionary<string, string> flat, IReadOnlyList<SourceGroup> known, string account)
    {
        if (flat.Count > 0)
        {
            return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination,
                "SourceSecurityGroupName cannot be combined with CidrIp, IpProtocol, FromPort or ToPort; send IpPermissions.N for a protocol and ports"));
        }

        if (SourceId(pair, known, account) is not { } source)
        {
            return ([], NoGroup(pair.GroupName!));
        }

        return ([
            new IngressRule("tcp", 0, 65535, null, source),
            new IngressRule("udp", 0, 65535, null, source),
            new IngressRule("icmp", -1, -1, null, source),
        ], null);
    }

    // EC2 API reference, UserIdGroupPair: a group id names the group whoever owns it (and UserId, when given, must be its
    // owner's account; whether a group of that id exists the caller checks for a new rule); a group name is looked up
    // among the groups of UserId's account, the caller's when absent.
    private static string? SourceId(GroupPair pair, IReadOnlyList<SourceGroup> known, string account) => pair switch
    {
        { GroupId: { } id, UserId: null } => id,
        { GroupId: { } id } => known.Any(g => g.Id == id && AccountIds.Of(g.Owner) == pair.UserId) ? id : null,
        _ => known.FirstOrDefault(g => g.Name == pair.GroupName && AccountIds.Of(g.Owner) == (pair.UserId ?? account))?.Id,
    };

    private static Ec2Result? AddPermission(List<IngressRule> rules, IReadOnlyDictionary<string, string> p, IReadOnlyList<SourceGroup> known, string account)
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
            var pair = new GroupPair(peer.GetValueOrDefault("UserId"), peer.GetValueOrDefault("GroupId"), peer.GetValueOrDefault("GroupName"));
            if (pair.GroupId is { } id && !IsWellFormedGroupId(id))
            {
                return Malformed(id);
            }

            if (pair.GroupId is null && pair.GroupName is null)
            {
                return Bad("Each Groups item needs a GroupId or GroupName");
            }

            if (SourceId(pair, known, account) is not { } source)
            {
                return NoGroup(pair.GroupId ?? pair.GroupName!);
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

    /// <summary>EC2's answer for a group that is not there (or not the caller's to change).</summary>
    public static Ec2Result NoGroup(string group) => Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, $"The security group '{group}' does not exist");

    private static Ec2Result Bad(string message) => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, message);

    private static (IReadOnlyList<IngressRule>, Ec2Result?) Invalid(string message) => ([], Bad(message));
}
