using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>A security group as an instance lists it.</summary>
public sealed record GroupRef(string Id, string Name);

/// <summary>A volume as an instance lists it in its <c>blockDeviceMapping</c>.</summary>
public sealed record AttachedDisk(string VolumeId, VolumeAttachment Attachment);

/// <summary>An instance with what EC2 shows beside it: its groups by name, its public address and its volumes.</summary>
public sealed record InstanceView(Instance Instance, IReadOnlyList<GroupRef> Groups, string? PublicIp, IReadOnlyList<AttachedDisk> Disks);

/// <summary>Builds <see cref="InstanceView"/>s of the caller's instances from what surrounds them, read in one round trip.</summary>
public sealed class InstanceViews(InstanceService instances)
{
    public async Task<IReadOnlyList<InstanceView>> OfAsync(Actor actor, IReadOnlyList<Instance> found, CancellationToken ct)
    {
        if (found.Count == 0)
        {
            return [];
        }

        var around = await instances.SurroundingsAsync(found, ct);
        var names = around.Groups.ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        // An address still naming an instance that has ended is no longer associated with it.
        var live = found.Where(i => !InstanceLifecycle.IsFinal(i.State)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var publicIps = around.Addresses
            .Where(a => a.Owner == actor.UserId && a.InstanceId is { } id && live.Contains(id))
            .GroupBy(a => a.InstanceId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().PublicIp, StringComparer.Ordinal);
        var disks = around.Volumes
            .Where(v => v.Owner == actor.UserId)
            .SelectMany(v => v.Attachments.Select(a => new AttachedDisk(v.Id, a)))
            .GroupBy(d => d.Attachment.InstanceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<AttachedDisk>)[.. g.OrderBy(d => d.Attachment.AttachedAt)], StringComparer.Ordinal);
        return [.. found.Select(i => new InstanceView(
            i,
            [.. i.SecurityGroupIds.Select(id => new GroupRef(id, names.GetValueOrDefault(id, "")))],
            publicIps.GetValueOrDefault(i.Id),
            disks.GetValueOrDefault(i.Id, [])))];
    }
}
