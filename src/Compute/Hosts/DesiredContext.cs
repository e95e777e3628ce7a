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
/// them at once: their volumes, public addresses, key pairs and security groups in one round trip,
/// however many instances the host runs.
/// </summary>
internal sealed class DesiredContext
{
    private readonly ComputeOptions _options;
    private readonly Dictionary<string, List<DesiredDisk>> _disks = new(StringComparer.Ordinal);
    private Dictionary<string, string> _publicIps = new(StringComparer.Ordinal);
    private Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private Dictionary<string, string> _groups = new(StringComparer.Ordinal);
    private Dictionary<string, SecurityGroup> _groupRules = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _members = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    private DesiredContext(ComputeOptions options) => _options = options;

    public static async Task<DesiredContext> LoadAsync(IComputeSession session, ComputeOptions options, IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        var context = new DesiredContext(options);
        var around = await session.SurroundingsAsync(instances, ct).ConfigureAwait(false);
        var ids = instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var volume in around.Volumes)
        {
            // A volume whose data is not made yet is left out; the host hears of it once it is.
            if (volume.Source is not { } source)
            {
                continue;
            }

            foreach (var a in volume.Attachments.Where(a => a.State != AttachmentState.Detaching && ids.Contains(a.InstanceId)))
            {
                if (!context._disks.TryGetValue(a.InstanceId, out var list))
                {
                    context._disks[a.InstanceId] = list = [];
                }

                list.Add(new DesiredDisk(volume.Id, a.Device, a.Target, source, volume.ReadOnly));
            }
        }

        context._publicIps = around.Addresses
            .Where(a => a.InstanceId is not null)
            .GroupBy(a => a.InstanceId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().PublicIp, StringComparer.Ordinal);
        context._keys = around.KeyPairs.ToDictionary(k => k.Id, k => k.PublicKey, StringComparer.Ordinal);
        context._groups = around.Groups.ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        context._groupRules = around.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        context._members = await MemberAddressesAsync(session, around.Groups, ct).ConfigureAwait(false);
        return context;
    }

    /// <summary>Whether a security group admits another group's members, whose addresses were read from instances anywhere.</summary>
    public bool ReadsOtherHosts => _members.Count > 0;

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

    /// <summary>The inbound traffic the instance's security groups allow, flattened for its host.</summary>
    public IReadOnlyList<InboundRule> IngressOf(Instance i) =>
        GroupIngress.Flatten(i.SecurityGroupIds.Select(id => _groupRules.GetValueOrDefault(id)).OfType<SecurityGroup>(), _members);

    /// <summary>
    /// The current addresses (private and public) of the live members of every group that one of
    /// <paramref name="groups"/> names as a source, by group id; no read at all when none does.
    /// A source group may be another owner's: its members are its owner's instances in it, and a
    /// group that is gone has none.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> MemberAddressesAsync(
        IComputeSession session, IReadOnlyList<SecurityGroup> groups, CancellationToken ct)
    {
        var sources = groups.SelectMany(g => g.Rules).Select(r => r.SourceGroupId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (sources.Length == 0)
        {
            return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        }

        var ownerOf = (await session.QueryAsync<SecurityGroup>(g => sources.Contains(g.Id), ct).ConfigureAwait(false))
            .ToDictionary(g => g.Id, g => g.Owner, StringComparer.Ordinal);
        var members = await session.QueryAsync<Instance>(i => i.HoldsAddress && i.SecurityGroupIds.Any(g => sources.Contains(g)), ct).ConfigureAwait(false);
        var memberIds = members.Select(m => m.Id).ToArray();
        var publicIps = memberIds.Length == 0
            ? []
            : await session.QueryAsync<PublicAddress>(a => memberIds.Contains(a.InstanceId!), ct).ConfigureAwait(false);
        var publicOf = publicIps.Where(a => a.InstanceId is not null).ToLookup(a => a.InstanceId!, a => a.PublicIp, StringComparer.Ordinal);
        return sources.ToDictionary(
            source => source,
            source => (IReadOnlyList<string>)[.. members
                .Where(m => m.SecurityGroupIds.Contains(source, StringComparer.Ordinal) && m.Owner == ownerOf.GetValueOrDefault(source))
                .SelectMany(m => publicOf[m.Id].Prepend(m.PrivateAddress))
                .OfType<string>()],
            StringComparer.Ordinal);
    }

    /// <summary>The volumes the instance's domain should hold, by target; empty (never null) when it has none, so a host detaches the last one too.</summary>
    public IReadOnlyList<DesiredDisk> DisksOf(string instanceId) =>
        _disks.TryGetValue(instanceId, out var disks) ? [.. disks.OrderBy(d => d.Target, StringComparer.Ordinal)] : [];
}
