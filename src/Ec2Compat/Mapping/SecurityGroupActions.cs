using StandardsCloud.Compute;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>EC2-Classic security groups: create, describe, delete, authorize and revoke ingress, describe rules.</summary>
public sealed class SecurityGroupActions(SecurityGroupService groups, Ec2Options options)
{
    private delegate Task<Outcome<SecurityGroup>> RuleChange(Actor actor, SecurityGroup group, IReadOnlyList<IngressRule> rules, CancellationToken ct);

    private enum RuleAction
    {
        Authorize,
        Revoke,
        Describe,
    }

    // EC2 API reference, CreateSecurityGroup: GroupName and GroupDescription are required; TagSpecification.N (security-group) tags the new group.
    public Ec2Change CreateSecurityGroup(Ec2Call call)
    {
        if (call.Query.Get("GroupName") is not { Length: > 0 } name || call.Query.Get("GroupDescription") is not { Length: > 0 } description)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameters GroupName and GroupDescription");
        }

        if (name == SecurityGroupService.DefaultName)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidGroupReserved, "The security group 'default' is reserved");
        }

        if (SecurityGroupService.NamingError(name, description) is { } badName)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badName);
        }

        var (tags, badTags) = TagParameters.FromSpecifications(call.Query, "security-group");
        if (badTags is not null)
        {
            return badTags;
        }

        return Ec2Change.To(async () =>
        {
            var created = await groups.CreateAsync(call.Actor, name, description, tags, call.Cancellation);
            return created.IsOk
                ? call.Respond(w => w.Element("return", true).Element("groupId", created.Value!.Id).TagSet(created.Value.Tags))
                : Ec2Result.Fail(created.Status == ComputeStatus.Duplicate ? Ec2ErrorCode.InvalidGroupDuplicate : Ec2ErrorCode.InvalidParameterValue, created.Reason!);
        });
    }

    // EC2 API reference, DescribeSecurityGroups: GroupName.N, GroupId.N, Filter.N, and MaxResults (5 to 1000, never with names or ids) with NextToken.
    public async Task<Ec2Result> DescribeSecurityGroupsAsync(Ec2Call call)
    {
        var names = call.Query.List("GroupName");
        var ids = call.Query.List("GroupId");
        var filters = call.Query.Filters();
        if (!names.IsValid || !ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error ?? ids.Error ?? filters.Error!);
        }

        if (ids.FirstOrDefault(id => !IngressPermissions.IsWellFormedGroupId(id)) is { } malformed)
        {
            return IngressPermissions.Malformed(malformed);
        }

        var (paging, badPaging) = Paging.Read(call, options, names.Count + ids.Count, ids.Count > 0 ? "GroupId" : "GroupName");
        if (badPaging is not null)
        {
            return badPaging;
        }

        var mine = await groups.ListAsync(call.Actor, call.Cancellation);
        var sources = await SourcesAsync(call, mine, mine.SelectMany(g => g.Rules).Select(r => r.SourceGroupId).OfType<string>(), []);
        var (named, missing) = ResourceFilters.Named(mine, names, g => g.Name, IngressPermissions.NoGroup, ids, g => g.Id, IngressPermissions.NoGroup);
        var (list, invalid) = missing is not null ? ([], missing) : ResourceFilters.Apply(named, filters, SecurityGroupFilters.For(sources));
        if (invalid is not null)
        {
            return invalid;
        }

        var (page, next) = paging!.Take(list, options);
        return call.Respond(w => w
            .Set("securityGroupInfo", page, (item, g) => item.Group(g, sources))
            .Element("nextToken", next));
    }

    // EC2 API reference, DeleteSecurityGroup: by GroupId or GroupName; a group in use is InvalidGroup.InUse.
    public async Task<Ec2Change> DeleteSecurityGroupAsync(Ec2Call call)
    {
        var group = await TargetAsync(call);
        if (group.Error is { } error)
        {
            return error;
        }

        return Ec2Change.To(async () =>
        {
            var deleted = await groups.DeleteAsync(call.Actor, group.Group!, call.Cancellation);
            return deleted.Status switch
            {
                ComputeStatus.Ok => call.Respond(w => w.Element("return", true)),
                ComputeStatus.NotPermitted => Ec2Result.Fail(Ec2ErrorCode.CannotDelete, deleted.Reason!),
                _ => Ec2Result.Fail(Ec2ErrorCode.InvalidGroupInUse, deleted.Reason!),
            };
        });
    }

    // EC2 API reference, AuthorizeSecurityGroupIngress: IpPermissions.N, the flat IpProtocol/FromPort/ToPort/CidrIp
    // form, or SourceSecurityGroupName alone (all TCP, UDP and ICMP from that group); a rule present is InvalidPermission.Duplicate.
    public Task<Ec2Change> AuthorizeSecurityGroupIngressAsync(Ec2Call call) => ChangeAsync(call, RuleAction.Authorize, groups.AuthorizeAsync);

    // EC2 API reference, RevokeSecurityGroupIngress: the same forms as Authorize; in EC2-Classic and default VPCs
    // rules that are not there are no error and come back in unknownIpPermissionSet.
    public Task<Ec2Change> RevokeSecurityGroupIngressAsync(Ec2Call call) => ChangeAsync(call, RuleAction.Revoke, groups.RevokeAsync);

    // EC2 API reference, UpdateSecurityGroupRuleDescriptionsIngress: IpPermissions.N name existing rules and carry
    // their new descriptions (none removes one); a rule that is not there is InvalidPermission.NotFound.
    public async Task<Ec2Change> UpdateSecurityGroupRuleDescriptionsIngressAsync(Ec2Call call)
    {
        if (call.Query.Parameters.Keys.Any(k => k.StartsWith("SecurityGroupRuleDescription.", StringComparison.Ordinal)))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                "SecurityGroupRuleDescription.N names rules by rule id, which EC2-Classic rules do not have; send IpPermissions.N");
        }

        return await ChangeAsync(call, RuleAction.Describe, groups.DescribeRulesAsync);
    }

    // EC2-Classic has no egress rules.
    public Ec2Result EgressNotSupported(Ec2Call call) =>
        Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"{call.Query.Action} is not supported: security groups here are EC2-Classic and have no egress rules");

    private async Task<Ec2Change> ChangeAsync(Ec2Call call, RuleAction action, RuleChange change)
    {
        var group = await TargetAsync(call);
        if (group.Error is { } error)
        {
            return error;
        }

        var mine = await groups.ListAsync(call.Actor, call.Cancellation);
        var account = AccountIds.Of(call.Actor.UserId);
        var pairs = IngressPermissions.Pairs(call.Query);
        var sources = await SourcesAsync(call, mine,
            pairs.Select(p => p.GroupId).OfType<string>(),
            pairs.Where(p => p is { GroupId: null, GroupName: not null, UserId: not null } && p.UserId != account).Select(p => p.GroupName!));
        var (rules, bad) = IngressPermissions.Read(call.Query, sources, account);
        if (bad is not null)
        {
            return bad;
        }

        // The core's rules for what a group holds (protocols, ports, CIDRs, descriptions), asked before the change.
        if (SecurityGroupService.Prepare(rules, removing: action == RuleAction.Revoke).Error is { } badRule)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badRule);
        }

        // EC2 API reference, AuthorizeSecurityGroupIngress: a source group that does not exist is InvalidGroup.NotFound (revoking names rules, which may outlive it).
        if (action == RuleAction.Authorize && rules.FirstOrDefault(r => r.SourceGroupId is { } source && sources.All(g => g.Id != source)) is { } missing)
        {
            return IngressPermissions.NoGroup(missing.SourceGroupId!);
        }

        var unknown = SecurityGroupXml.Permissions(rules.Where(r => !group.Group!.Rules.Any(r.SamePermission))).ToList();
        if (action == RuleAction.Describe && unknown.Count > 0)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidPermissionNotFound, $"The specified rule does not exist in security group '{group.Group!.Id}': {unknown[0].Key.Protocol} {unknown[0].Key.From}-{unknown[0].Key.To}");
        }

        return Ec2Change.To(async () =>
        {
            var changed = await change(call.Actor, group.Group!, rules, call.Cancellation);
            return changed.Status switch
            {
                ComputeStatus.Ok when action == RuleAction.Revoke && unknown.Count > 0 => call.Respond(w => w
                    .Element("return", true)
                    .Set("unknownIpPermissionSet", unknown, (p, r) => p.Permission(r, sources))),
                ComputeStatus.Ok => call.Respond(w => w.Element("return", true)),
                ComputeStatus.Duplicate => Ec2Result.Fail(Ec2ErrorCode.InvalidPermissionDuplicate, changed.Reason!),
                ComputeStatus.NotFound when action == RuleAction.Describe => Ec2Result.Fail(Ec2ErrorCode.InvalidPermissionNotFound, changed.Reason!),
                ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, changed.Reason!),
                _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, changed.Reason!),
            };
        });
    }

    /// <summary>
    /// The caller's groups and the groups of other owners among <paramref name="ids"/> and named
    /// <paramref name="names"/>: the groups rules may take their sources from. Of another owner's
    /// group only its id, owner and name come back.
    /// </summary>
    private async Task<IReadOnlyList<SourceGroup>> SourcesAsync(Ec2Call call, IReadOnlyList<SecurityGroup> mine, IEnumerable<string> ids, IEnumerable<string> names)
    {
        var sources = mine.Select(SourceGroup.Of).ToList();
        var others = ids.Where(id => mine.All(g => g.Id != id)).ToHashSet(StringComparer.Ordinal);
        sources.AddRange(await groups.SourcesAsync(others, call.Cancellation));
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            sources.AddRange((await groups.SourcesNamedAsync(name, call.Cancellation)).Where(g => g.Owner != call.Actor.UserId));
        }

        return sources;
    }

    private async Task<(SecurityGroup? Group, Ec2Result? Error)> TargetAsync(Ec2Call call)
    {
        var id = call.Query.Get("GroupId");
        var name = call.Query.Get("GroupName");
        if (id is null && name is null)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter GroupName or GroupId"));
        }

        if (id is not null && !IngressPermissions.IsWellFormedGroupId(id))
        {
            return (null, IngressPermissions.Malformed(id));
        }

        var group = await groups.FindAsync(call.Actor, id, name, call.Cancellation);
        return group is null ? (null, IngressPermissions.NoGroup(id ?? name!)) : (group, null);
    }
}
