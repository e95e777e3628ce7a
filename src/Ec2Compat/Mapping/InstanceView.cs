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
    public async Task<IReadOnlyList<InstanceView>> OfAsync(Actor actor, IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        var names = (await groups.ListAsync(actor, ct)).ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        var publicIps = (await addresses.ListAsync(actor, ct))
            .Where(a => a.InstanceId is not null)
            .ToDictionary(a => a.InstanceId!, a => a.PublicIp, StringComparer.Ordinal);
        return [.. instances.Select(i => new InstanceView(
            i,
            [.. i.SecurityGroupIds.Select(id => new GroupRef(id, names.GetValueOrDefault(id, "")))],
            publicIps.GetValueOrDefault(i.Id)))];
    }
}
