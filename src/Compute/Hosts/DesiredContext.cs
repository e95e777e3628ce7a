using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Hosts;

/// <summary>
/// What a host's instances learn about themselves and which volumes they hold, loaded for all of
/// them at once: one query each for volumes, public addresses, key pairs and security groups,
/// however many instances the host runs.
/// </summary>
internal sealed class DesiredContext
{
    private readonly ComputeOptions _options;
    private readonly Dictionary<string, List<DesiredDisk>> _disks = new(StringComparer.Ordinal);
    private Dictionary<string, string> _publicIps = new(StringComparer.Ordinal);
    private Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private Dictionary<string, string> _groups = new(StringComparer.Ordinal);

    private DesiredContext(ComputeOptions options) => _options = options;

    public static async Task<DesiredContext> LoadAsync(IComputeSession session, ComputeOptions options, IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        var context = new DesiredContext(options);
        if (instances.Count == 0)
        {
            return context;
        }

        var ids = instances.Select(i => i.Id).ToArray();
        var idSet = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var volume in await VolumeService.OnInstancesAsync(session, ids, ct).ConfigureAwait(false))
        {
            // A volume whose data is not made yet is left out; the host hears of it once it is.
            if (volume.Source is not { } source)
            {
                continue;
            }

            foreach (var a in volume.Attachments.Where(a => a.State != AttachmentState.Detaching && idSet.Contains(a.InstanceId)))
            {
                if (!context._disks.TryGetValue(a.InstanceId, out var list))
                {
                    context._disks[a.InstanceId] = list = [];
                }

                list.Add(new DesiredDisk(volume.Id, a.Device, a.Target, source, volume.ReadOnly));
            }
        }

        context._publicIps = (await session.QueryAsync<PublicAddress>(a => ids.Contains(a.InstanceId!), ct).ConfigureAwait(false))
            .Where(a => a.InstanceId is not null)
            .GroupBy(a => a.InstanceId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().PublicIp, StringComparer.Ordinal);

        var keyIds = instances.Where(i => i.KeyName is not null).Select(i => KeyPair.IdOf(i.Owner, i.KeyName!)).Distinct(StringComparer.Ordinal).ToArray();
        if (keyIds.Length > 0)
        {
            context._keys = (await session.QueryAsync<KeyPair>(k => keyIds.Contains(k.Id), ct).ConfigureAwait(false))
                .ToDictionary(k => k.Id, k => k.PublicKey, StringComparer.Ordinal);
        }

        var groupIds = instances.SelectMany(i => i.SecurityGroupIds).Distinct(StringComparer.Ordinal).ToArray();
        if (groupIds.Length > 0)
        {
            context._groups = (await session.QueryAsync<SecurityGroup>(g => groupIds.Contains(g.Id), ct).ConfigureAwait(false))
                .ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        }

        return context;
    }

    /// <summary>The instance's context as its guest reads it.</summary>
    public InstanceContext Of(Instance i)
    {
        var keys = new List<string>(2);
        if (i.KeyName is not null && _keys.TryGetValue(KeyPair.IdOf(i.Owner, i.KeyName), out var keyPairKey))
        {
            keys.Add(keyPairKey);
        }

        if (i.PublicKey is { } launchKey && !keys.Contains(launchKey))
        {
            keys.Add(launchKey);
        }

        var network = _options.PrivateNetwork;
        return new InstanceContext(
            i.Hostname is { } hostname ? Hostnames.ForGuest(hostname) : Hostnames.Default(i.Id, i.PrivateAddress),
            i.ImageId,
            i.InstanceType,
            i.ReservationId,
            i.LaunchIndex,
            _options.AvailabilityZone,
            i.PrivateAddress,
            network.PrefixLength ?? 32,
            network.Gateway,
            _publicIps.GetValueOrDefault(i.Id),
            i.KeyName,
            keys,
            i.UserData,
            [.. i.SecurityGroupIds.Select(id => _groups.GetValueOrDefault(id)).OfType<string>()],
            // In key order, so the same pairs always give the same desired hash.
            i.ContextPairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>The volumes the instance's domain should hold, by target; empty (never null) when it has none, so a host detaches the last one too.</summary>
    public IReadOnlyList<DesiredDisk> DisksOf(string instanceId) =>
        _disks.TryGetValue(instanceId, out var disks) ? [.. disks.OrderBy(d => d.Target, StringComparer.Ordinal)] : [];
}
