using System.Globalization;
using StandardsCloud.Compute;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>EC2-Classic security groups: create, describe, delete, authorize and revoke ingress.</summary>
public sealed class SecurityGroupActions(SecurityGroupService groups)
{
    private static readonly FilterFields<SecurityGroup> Fields = new()
    {
        Tags = g => g.Tags,
        ["group-id"] = g => g.Id,
        ["group-name"] = g => g.Name,
        ["description"] = g => g.Description,
        ["owner-id"] = g => AccountIds.Of(g.Owner),
    };

    public async Task<Ec2Result> CreateSecurityGroupAsync(Ec2Call call)
    {
        if (call.Query.Get("GroupName") is not { Length: > 0 } name || call.Query.Get("GroupDescription") is not { Length: > 0 } description)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameters GroupName and GroupDescription");
        }

        if (name == SecurityGroupService.DefaultName)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidGroupReserved, "The security group 'default' is reserved");
        }

        var created = await groups.CreateAsync(call.Actor, name, description, call.Cancellation);
        return created.IsOk
            ? call.Respond(w => w.Element("return", true).Element("groupId", created.Value!.Id))
            : Ec2Result.Fail(created.Status == ComputeStatus.Duplicate ? Ec2ErrorCode.InvalidGroupDuplicate : Ec2ErrorCode.InvalidParameterValue, created.Reason!);
    }

    public async Task<Ec2Result> DescribeSecurityGroupsAsync(Ec2Call call)
    {
        var names = call.Query.List("GroupName");
        var ids = call.Query.List("GroupId");
        var filters = call.Query.Filters();
        if (!names.IsValid || !ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error ?? ids.Error ?? filters.Error!);
        }

        var mine = await groups.ListAsync(call.Actor, call.Cancellation);
        Ec2Result Missing(string group) => Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, $"The security group '{group}' does not exist");
        var (named, missing) = ResourceFilters.Named(mine, names, g => g.Name, Missing, ids, g => g.Id, Missing);
        var (list, invalid) = missing is not null ? ([], missing) : ResourceFilters.Apply(named, filters, Fields);
        if (invalid is not null)
        {
            return invalid;
        }

        return call.Respond(w => w.Set("securityGroupInfo", list, (item, g) => item
            .Element("ownerId", AccountIds.Of(g.Owner))
            .Element("groupId", g.Id)
            .Element("groupName", g.Name)
            .Element("groupDescription", g.Description)
            .Set("ipPermissions", Permissions(g), (p, rules) => WritePermission(p, rules, mine))
            .Set("ipPermissionsEgress", Array.Empty<string>(), (_, _) => { })
            .TagSet(g.Tags)));
    }

    public async Task<Ec2Result> DeleteSecurityGroupAsync(Ec2Call call)
    {
        var group = await TargetAsync(call);
        if (group.Error is { } error)
        {
            return error;
        }

        var deleted = await groups.DeleteAsync(call.Actor, group.Group!, call.Cancellation);
        return deleted.Status switch
        {
            ComputeStatus.Ok => call.Respond(w => w.Element("return", true)),
            ComputeStatus.NotPermitted => Ec2Result.Fail(Ec2ErrorCode.CannotDelete, deleted.Reason!),
            _ => Ec2Result.Fail(Ec2ErrorCode.InvalidGroupInUse, deleted.Reason!),
        };
    }

    public Task<Ec2Result> AuthorizeSecurityGroupIngressAsync(Ec2Call call) => ChangeAsync(call, groups.AuthorizeAsync);

    // EC2 API reference, RevokeSecurityGroupIngress: "[EC2-Classic, default VPC] If the values you
    // specify do not match the existing rule's values, no error is returned"; unknownIpPermissionSet lists them.
    public Task<Ec2Result> RevokeSecurityGroupIngressAsync(Ec2Call call) => ChangeAsync(call, groups.RevokeAsync);

    // EC2-Classic has no egress rules.
    public Ec2Result EgressNotSupported(Ec2Call call) =>
        Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"{call.Query.Action} is not supported: security groups here are EC2-Classic and have no egress rules");

    private async Task<Ec2Result> ChangeAsync(
        Ec2Call call, Func<Actor, SecurityGroup, IReadOnlyList<IngressRule>, CancellationToken, Task<Outcome<SecurityGroup>>> change)
    {
        var group = await TargetAsync(call);
        if (group.Error is { } error)
        {
            return error;
        }

        var mine = await groups.ListAsync(call.Actor, call.Cancellation);
        var rules = RulesOf(call.Query, mine);
        if (rules.Error is { } bad)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, bad);
        }

        if (rules.Rules.FirstOrDefault(r => r.SourceGroupId is { } source && mine.All(g => g.Id != source)) is { } foreign)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, $"The security group '{foreign.SourceGroupId}' does not exist");
        }

        var unknown = rules.Rules.Where(r => !group.Group!.Rules.Contains(r)).GroupBy(r => (r.Protocol, r.FromPort, r.ToPort)).ToList();
        var changed = await change(call.Actor, group.Group!, rules.Rules, call.Cancellation);
        return changed.Status switch
        {
            ComputeStatus.Ok when call.Query.Action == "RevokeSecurityGroupIngress" && unknown.Count > 0 => call.Respond(w => w
                .Element("return", true)
                .Set("unknownIpPermissionSet", unknown, (p, r) => WritePermission(p, r, mine))),
            ComputeStatus.Ok => call.Respond(w => w.Element("return", true)),
            ComputeStatus.Duplicate => Ec2Result.Fail(Ec2ErrorCode.InvalidPermissionDuplicate, changed.Reason!),
            ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, changed.Reason!),
            _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, changed.Reason!),
        };
    }

    private async Task<(SecurityGroup? Group, Ec2Result? Error)> TargetAsync(Ec2Call call)
    {
        var id = call.Query.Get("GroupId");
        var name = call.Query.Get("GroupName");
        if (id is null && name is null)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter GroupName or GroupId"));
        }

        var group = await groups.FindAsync(call.Actor, id, name, call.Cancellation);
        return group is null
            ? (null, Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, $"The security group '{id ?? name}' does not exist"))
            : (group, null);
    }

    /// <summary>Rules from <c>IpPermissions.N.*</c>, or from the older flat IpProtocol/FromPort/ToPort/CidrIp form.</summary>
    private static (IReadOnlyList<IngressRule> Rules, string? Error) RulesOf(QueryRequest query, IReadOnlyList<SecurityGroup> mine)
    {
        var permissions = query.Members("IpPermissions");
        if (!permissions.IsValid)
        {
            return ([], permissions.Error);
        }

        var flat = query.Parameters.Where(p => p.Key is "IpProtocol" or "FromPort" or "ToPort" or "CidrIp").ToDictionary(p => p.Key, p => p.Value);
        IReadOnlyList<IReadOnlyDictionary<string, string>> sources = permissions.Count > 0 ? permissions : flat.Count > 0 ? [flat] : [];
        var rules = new List<IngressRule>();
        foreach (var p in sources)
        {
            var protocol = p.GetValueOrDefault("IpProtocol")?.ToLowerInvariant() ?? "";
            protocol = protocol switch { "6" => "tcp", "17" => "udp", "1" => "icmp", _ => protocol };
            var from = Port(p.GetValueOrDefault("FromPort"), protocol);
            var to = Port(p.GetValueOrDefault("ToPort"), protocol);
            if (from is null || to is null)
            {
                return ([], "FromPort and ToPort must be whole numbers");
            }

            var ranges = QueryLists.Members(p, "IpRanges");
            var peers = QueryLists.Members(p, "Groups");
            if (!ranges.IsValid || !peers.IsValid)
            {
                return ([], ranges.Error ?? peers.Error);
            }

            var cidrs = ranges.Select(r => r.GetValueOrDefault("CidrIp")).ToList();
            if (p.TryGetValue("CidrIp", out var single))
            {
                cidrs.Add(single);
            }

            foreach (var cidr in cidrs)
            {
                rules.Add(new IngressRule(protocol, from.Value, to.Value, cidr ?? "", null));
            }

            foreach (var peer in peers)
            {
                var source = peer.GetValueOrDefault("GroupId") ?? mine.FirstOrDefault(g => g.Name == peer.GetValueOrDefault("GroupName"))?.Id ?? peer.GetValueOrDefault("GroupName") ?? "";
                rules.Add(new IngressRule(protocol, from.Value, to.Value, null, source));
            }
        }

        return rules.Count == 0 ? ([], "No permission given: send IpPermissions.N with IpRanges or Groups") : (rules, null);
    }

    // All-protocol rules (-1) cover every port; EC2 reports them without ports.
    private static int? Port(string? text, string protocol) =>
        text is null && protocol == "-1" ? -1
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port) ? port : null;

    private static IEnumerable<IGrouping<(string Protocol, int From, int To), IngressRule>> Permissions(SecurityGroup g) =>
        g.Rules.GroupBy(r => (r.Protocol, r.FromPort, r.ToPort));

    private static void WritePermission(Ec2XmlWriter w, IGrouping<(string Protocol, int From, int To), IngressRule> rules, IReadOnlyList<SecurityGroup> mine)
    {
        w.Element("ipProtocol", rules.Key.Protocol);
        if (rules.Key.Protocol != "-1")
        {
            w.Element("fromPort", rules.Key.From).Element("toPort", rules.Key.To);
        }

        w.Set("groups", rules.Where(r => r.SourceGroupId is not null).ToList(), (g, r) => g
                .Element("userId", mine.FirstOrDefault(s => s.Id == r.SourceGroupId)?.Owner is { } owner ? AccountIds.Of(owner) : null)
                .Element("groupId", r.SourceGroupId)
                .Element("groupName", mine.FirstOrDefault(s => s.Id == r.SourceGroupId)?.Name))
            .Set("ipRanges", rules.Where(r => r.CidrIp is not null).ToList(), (c, r) => c.Element("cidrIp", r.CidrIp));
    }
}
