using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The EC2 actions served, by name.</summary>
public sealed class Ec2Dispatcher
{
    private readonly Dictionary<string, Func<Ec2Call, Task<Ec2Result>>> _actions;

    public Ec2Dispatcher(
        RegionActions regions, InstanceActions instances, InstanceAttributeActions attributes, InstanceStatusActions status,
        CatalogActions catalog, ImageActions images, ImageAttributeActions imageAttributes, KeyPairActions keys, SecurityGroupActions groups, TagActions tags, AddressActions addresses,
        VolumeActions volumes, SnapshotActions snapshots)
    {
        _actions = new(StringComparer.Ordinal)
        {
            ["DescribeRegions"] = c => Task.FromResult(regions.DescribeRegions(c)),
            ["DescribeAvailabilityZones"] = c => Task.FromResult(regions.DescribeAvailabilityZones(c)),
            ["DescribeAccountAttributes"] = c => Task.FromResult(regions.DescribeAccountAttributes(c)),
            ["RunInstances"] = instances.RunInstancesAsync,
            ["DescribeInstances"] = instances.DescribeInstancesAsync,
            ["TerminateInstances"] = instances.TerminateInstancesAsync,
            ["StopInstances"] = instances.StopInstancesAsync,
            ["StartInstances"] = instances.StartInstancesAsync,
            ["RebootInstances"] = instances.RebootInstancesAsync,
            ["DescribeInstanceAttribute"] = attributes.DescribeInstanceAttributeAsync,
            ["ModifyInstanceAttribute"] = attributes.ModifyInstanceAttributeAsync,
            ["ResetInstanceAttribute"] = attributes.ResetInstanceAttributeAsync,
            ["DescribeInstanceStatus"] = status.DescribeInstanceStatusAsync,
            ["GetConsoleOutput"] = status.GetConsoleOutputAsync,
            ["GetPasswordData"] = status.GetPasswordDataAsync,
            ["DescribeImages"] = catalog.DescribeImagesAsync,
            ["RegisterImage"] = images.RegisterImageAsync,
            ["DeregisterImage"] = images.DeregisterImageAsync,
            ["CreateImage"] = images.CreateImageAsync,
            ["DescribeImageAttribute"] = imageAttributes.DescribeImageAttributeAsync,
            ["ModifyImageAttribute"] = imageAttributes.ModifyImageAttributeAsync,
            ["ResetImageAttribute"] = imageAttributes.ResetImageAttributeAsync,
            ["DescribeInstanceTypes"] = c => Task.FromResult(catalog.DescribeInstanceTypes(c)),
            ["CreateKeyPair"] = keys.CreateKeyPairAsync,
            ["ImportKeyPair"] = keys.ImportKeyPairAsync,
            ["DescribeKeyPairs"] = keys.DescribeKeyPairsAsync,
            ["DeleteKeyPair"] = keys.DeleteKeyPairAsync,
            ["CreateSecurityGroup"] = groups.CreateSecurityGroupAsync,
            ["DescribeSecurityGroups"] = groups.DescribeSecurityGroupsAsync,
            ["DeleteSecurityGroup"] = groups.DeleteSecurityGroupAsync,
            ["AuthorizeSecurityGroupIngress"] = groups.AuthorizeSecurityGroupIngressAsync,
            ["RevokeSecurityGroupIngress"] = groups.RevokeSecurityGroupIngressAsync,
            ["AuthorizeSecurityGroupEgress"] = c => Task.FromResult(groups.EgressNotSupported(c)),
            ["RevokeSecurityGroupEgress"] = c => Task.FromResult(groups.EgressNotSupported(c)),
            ["UpdateSecurityGroupRuleDescriptionsIngress"] = groups.UpdateSecurityGroupRuleDescriptionsIngressAsync,
            ["UpdateSecurityGroupRuleDescriptionsEgress"] = c => Task.FromResult(groups.EgressNotSupported(c)),
            ["CreateTags"] = tags.CreateTagsAsync,
            ["DeleteTags"] = tags.DeleteTagsAsync,
            ["DescribeTags"] = tags.DescribeTagsAsync,
            ["AllocateAddress"] = addresses.AllocateAddressAsync,
            ["DescribeAddresses"] = addresses.DescribeAddressesAsync,
            ["AssociateAddress"] = addresses.AssociateAddressAsync,
            ["DisassociateAddress"] = addresses.DisassociateAddressAsync,
            ["ReleaseAddress"] = addresses.ReleaseAddressAsync,
            ["CreateVolume"] = volumes.CreateVolumeAsync,
            ["DescribeVolumes"] = volumes.DescribeVolumesAsync,
            ["AttachVolume"] = volumes.AttachVolumeAsync,
            ["DetachVolume"] = volumes.DetachVolumeAsync,
            ["DeleteVolume"] = volumes.DeleteVolumeAsync,
            ["CreateSnapshot"] = snapshots.CreateSnapshotAsync,
            ["DescribeSnapshots"] = snapshots.DescribeSnapshotsAsync,
            ["DeleteSnapshot"] = snapshots.DeleteSnapshotAsync,
        };
    }

    /// <summary>Actions only the site's administrators may call: adding to the site's image catalogue.</summary>
    public static readonly IReadOnlySet<string> AdministratorsOnly = new HashSet<string>(StringComparer.Ordinal) { "RegisterImage" };

    public IReadOnlyCollection<string> Actions => _actions.Keys;

    /// <summary>
    /// The action's result, or null when the action is not served. <c>DryRun</c> is answered once
    /// the caller is authenticated and its role allows the action: DryRunOperation when it does,
    /// UnauthorizedOperation when it does not (EC2 API reference, common parameters: DryRun).
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

        return dryRun
            ? Task.FromResult(Ec2Result.Fail(Ec2ErrorCode.DryRunOperation, "Request would have succeeded, but DryRun flag is set."))
            : run(call);
    }

    /// <summary>EC2's answer when the caller's role does not allow a request.</summary>
    public static Ec2Result Unauthorized(string why) =>
        Ec2Result.Fail(Ec2ErrorCode.UnauthorizedOperation, "You are not authorized to perform this operation. " + why);
}
