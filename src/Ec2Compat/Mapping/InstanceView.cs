using StandardsCloud.Compute;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.SecurityGroups;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>A security group as an instance lists it.</summary>
public sealed record GroupRef(string Id, string Name);

/// <summary>An instance with what EC2 shows beside it: its groups by name and its public address.</summary>
public sealed record InstanceView(Instance Instance, IReadOnlyList<GroupRef> Groups, string? PublicIp);

/// <summary>Builds <see cref="InstanceView"/>s from the owner's groups and addresses, read once per call.</summary>
public sealed class InstanceViews(SecurityGroupService groups, AddressService addresses)
{
    public async Task<IReadOnlyList<InstanceView>> OfAsync(Actor actor, IReadOnlyList<Instance> instances, CancellationToken ct) =>
        (await ContextAsync(actor, ct)).Of(instances);

    /// <summary>What views of the caller's instances need, read at once (the two reads go in parallel).</summary>
    public async Task<ViewContext> ContextAsync(Actor actor, CancellationToken ct)
    {
        var owned = groups.ListAsync(actor, ct);
        var held = addresses.ListAsync(actor, ct);
        var names = (await owned).ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        var publicIps = (await held)
            .Where(a => a.InstanceId is not null)
            .ToDictionary(a => a.InstanceId!, a => a.PublicIp, StringComparer.Ordinal);
        return new ViewContext(names, publicIps);
    }
}

/// <summary>The caller's group names and public addresses by instance.</summary>
public sealed record ViewContext(IReadOnlyDictionary<string, string> GroupNames, IReadOnlyDictionary<string, string> PublicIps)
{
    public IReadOnlyList<InstanceView> Of(IReadOnlyList<Instance> instances) =>
        [.. instances.Select(i => new InstanceView(
            i,
            [.. i.SecurityGroupIds.Select(id => new GroupRef(id, GroupNames.GetValueOrDefault(id, "")))],
            PublicIps.GetValueOrDefault(i.Id)))];
}
