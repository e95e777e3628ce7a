using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;
using static StandardsCloud.Ec2Compat.Mapping.Ec2Actions;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The EC2 actions served, by name.</summary>
public sealed class Ec2Dispatcher
{
    private readonly Dictionary<string, Ec2Action> _actions;

    public Ec2Dispatcher(
        RegionActions regions, InstanceActions instances, InstanceAttributeActions attributes, InstanceStatusActions status,
        CatalogActions catalog, ImageActions images, ImageAttributeActions imageAttributes, KeyPairActions keys, SecurityGroupActions groups, TagActions tags, AddressActions addresses,
        VolumeActions volumes, SnapshotActions snapshots)
    {
        // Reading: the action changes nothing. Changing: it checks its request, then answers the change to make.
        _actions = new(StringComparer.Ordinal)
        {
            ["DescribeRegions"] = Reading(c => Task.FromResult(regions.DescribeRegions(c))),
            ["DescribeAvailabilityZones"] = Reading(c => Task.FromResult(regions.DescribeAvailabilityZones(c))),
            ["DescribeAccountAttributes"] = Reading(c => Task.FromResult(regions.DescribeAccountAttributes(c))),
            ["RunInstances"] = Changing(instances.RunInstancesAsync),
            ["DescribeInstances"] = Reading(instances.DescribeInstancesAsync),
            ["TerminateInstances"] = Changing(instances.TerminateInstancesAsync),
            ["StopInstances"] = Changing(instances.StopInstancesAsync),
            ["StartInstances"] = Changing(instances.StartInstancesAsync),
            ["RebootInstances"] = Changing(instances.RebootInstancesAsync),
            ["DescribeInstanceAttribute"] = Reading(attributes.DescribeInstanceAttributeAsync),
            ["ModifyInstanceAttribute"] = Changing(attributes.ModifyInstanceAttributeAsync),
            ["ResetInstanceAttribute"] = Changing(attributes.ResetInstanceAttributeAsync),
            ["DescribeInstanceStatus"] = Reading(status.DescribeInstanceStatusAsync),
            ["GetConsoleOutput"] = Reading(status.GetConsoleOutputAsync),
            ["GetPasswordData"] = Reading(status.GetPasswordDataAsync),
            ["DescribeImages"] = Reading(catalog.DescribeImagesAsync),
            ["RegisterImage"] = Changing(c => Task.FromResult(images.RegisterImage(c))),
            ["DeregisterImage"] = Changing(images.DeregisterImageAsync),
            ["CreateImage"] = Changing(images.CreateImageAsync),
            ["DescribeImageAttribute"] = Reading(imageAttributes.DescribeImageAttributeAsync),
            ["ModifyImageAttribute"] = Changing(imageAttributes.ModifyImageAttributeAsync),
            ["ResetImageAttribute"] = Changing(imageAttributes.ResetImageAttributeAsync),
            ["DescribeInstanceTypes"] = Reading(c => Task.FromResult(catalog.DescribeInstanceTypes(c))),
            ["CreateKeyPair"] = Changing(c => Task.FromResult(keys.CreateKeyPair(c))),
            ["ImportKeyPair"] = Changing(c => Task.FromResult(keys.ImportKeyPair(c))),
            ["DescribeKeyPairs"] = Reading(keys.DescribeKeyPairsAsync),
            ["DeleteKeyPair"] = Changing(keys.DeleteKeyPairAsync),
            ["CreateSecurityGroup"] = Changing(c => Task.FromResult(groups.CreateSecurityGroup(c))),
            ["DescribeSecurityGroups"] = Reading(groups.DescribeSecurityGroupsAsync),
            ["DeleteSecurityGroup"] = Changing(groups.DeleteSecurityGroupAsync),
            ["AuthorizeSecurityGroupIngress"] = Changing(groups.AuthorizeSecurityGroupIngressAsync),
            ["RevokeSecurityGroupIngress"] = Changing(groups.RevokeSecurityGroupIngressAsync),
            ["AuthorizeSecurityGroupEgress"] = Reading(c => Task.FromResult(groups.EgressNotSupported(c))),
            ["RevokeSecurityGroupEgress"] = Reading(c => Task.FromResult(groups.EgressNotSupported(c))),
            ["UpdateSecurityGroupRuleDescriptionsIngress"] = Changing(groups.UpdateSecurityGroupRuleDescriptionsIngressAsync),
            ["UpdateSecurityGroupRuleDescriptionsEgress"] = Reading(c => Task.FromResult(groups.EgressNotSupported(c))),
            ["CreateTags"] = Changing(c => Task.FromResult(tags.CreateTags(c))),
            ["DeleteTags"] = Changing(c => Task.FromResult(tags.DeleteTags(c))),
            ["DescribeTags"] = Reading(tags.DescribeTagsAsync),
            ["AllocateAddress"] = Changing(c => Task.FromResult(addresses.AllocateAddress(c))),
            ["DescribeAddresses"] = Reading(addresses.DescribeAddressesAsync),
            ["AssociateAddress"] = Changing(addresses.AssociateAddressAsync),
            ["DisassociateAddress"] = Changing(c => Task.FromResult(addresses.DisassociateAddress(c))),
            ["ReleaseAddress"] = Changing(c => Task.FromResult(addresses.ReleaseAddress(c))),
            ["CreateVolume"] = Changing(volumes.CreateVolumeAsync),
            ["DescribeVolumes"] = Reading(volumes.DescribeVolumesAsync),
            ["AttachVolume"] = Changing(volumes.AttachVolumeAsync),
            ["DetachVolume"] = Changing(volumes.DetachVolumeAsync),
            ["DeleteVolume"] = Changing(volumes.DeleteVolumeAsync),
            ["CreateSnapshot"] = Changing(snapshots.CreateSnapshotAsync),
            ["DescribeSnapshots"] = Reading(snapshots.DescribeSnapshotsAsync),
            ["DeleteSnapshot"] = Changing(snapshots.DeleteSnapshotAsync),
        };
    }

    /// <summary>Actions only the site's administrators may call: adding to the site's image catalogue.</summary>
    public static readonly IReadOnlySet<string> AdministratorsOnly = new HashSet<string>(StringComparer.Ordinal) { "RegisterImage" };

    public IReadOnlyCollection<string> Actions => _actions.Keys;

    /// <summary>
    /// The action's result, or null when the action is not served. Under <c>DryRun</c> the caller
    /// is authenticated, its role checked (UnauthorizedOperation) and the request checked as the
    /// real call would check it, and nothing changes (<see cref="Ec2Actions"/>).
    /// </summary>
    public Task<Ec2Result>? Dispatch(Ec2Call call)
    {
        if (call.Query.Action is not { } action || !_actions.TryGetValue(action, out var run))
        {
            return null;
        }

        if (!call.Query.TryGetBool("DryRun", false, out var dryRun, out var error))
        {
            return Task.FromResult(Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, error));
        }

        if (AdministratorsOnly.Contains(action) && !call.Actor.IsAdmin)
        {
            return Task.FromResult(Unauthorized($"{action} is for the site's administrators."));
        }

        return run(call, dryRun);
    }

    /// <summary>EC2's answer when the caller's role does not allow a request.</summary>
    public static Ec2Result Unauthorized(string why) =>
        Ec2Result.Fail(Ec2ErrorCode.UnauthorizedOperation, "You are not authorized to perform this operation. " + why);
}
