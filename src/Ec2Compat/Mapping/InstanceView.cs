using StandardsCloud.Compute;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>A security group as an instance lists it.</summary>
public sealed record GroupRef(string Id, string Name);

/// <summary>A volume as an instance lists it in its <c>blockDeviceMapping</c>.</summary>
public sealed record AttachedDisk(string VolumeId, VolumeAttachment Attachment);

/// <summary>An instance with what EC2 shows beside it: its groups by name, its public address and its volumes.</summary>
public sealed record InstanceView(Instance Instance, IReadOnlyList<GroupRef> Groups, string? PublicIp, IReadOnlyList<AttachedDisk> Disks);

/// <summary>Builds <see cref="InstanceView"/>s from the owner's groups, addresses and volumes, read once per call.</summary>
public sealed class InstanceViews(SecurityGroupService groups, AddressService addresses, VolumeService volumes)
{
    public async Task<IReadOnlyList<InstanceView>> OfAsync(Actor actor, IReadOnlyList<Instance> instances, CancellationToken ct) =>
        (await ContextAsync(actor, ct)).Of(instances);

    /// <summary>What views of the caller's instances need, read at once (the reads go in parallel).</summary>
    public async Task<ViewContext> ContextAsync(Actor actor, CancellationToken ct)
    {
        var owned = groups.ListAsync(actor, ct);
        var held = addresses.ListAsync(actor, ct);
        var attached = volumes.ListAsync(actor, new VolumeQuery(), ct);
        var names = (await owned).ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        var publicIps = (await held)
            .Where(a => a.InstanceId is not null)
            .ToDictionary(a => a.InstanceId!, a => a.PublicIp, StringComparer.Ordinal);
        var disks = (await attached)
            .Where(v => v.Owner == actor.UserId)
            .SelectMany(v => v.Attachments.Select(a => new AttachedDisk(v.Id, a)))
            .GroupBy(d => d.Attachment.InstanceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<AttachedDisk>)[.. g.OrderBy(d => d.Attachment.AttachedAt)], StringComparer.Ordinal);
        return new ViewContext(names, publicIps, disks);
    }
}

/// <summary>The caller's group names, public addresses and attached volumes by instance.</summary>
public sealed record ViewContext(
    IReadOnlyDictionary<string, string> GroupNames,
    IReadOnlyDictionary<string, string> PublicIps,
    IReadOnlyDictionary<string, IReadOnlyList<AttachedDisk>> Disks)
{
    public IReadOnlyList<InstanceView> Of(IReadOnlyList<Instance> instances) =>
        [.. instances.Select(i => new InstanceView(
            i,
            [.. i.SecurityGroupIds.Select(id => new GroupRef(id, GroupNames.GetValueOrDefault(id, "")))],
            PublicIps.GetValueOrDefault(i.Id),
            Disks.GetValueOrDefault(i.Id, [])))];
}
