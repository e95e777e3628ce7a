namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The EC2 actions served, by name.</summary>
public sealed class Ec2Dispatcher
{
    private readonly Dictionary<string, Func<Ec2Call, Task<Ec2Result>>> _actions;

    public Ec2Dispatcher(RegionActions regions, InstanceActions instances, CatalogActions catalog, KeyPairActions keys, SecurityGroupActions groups)
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
            ["DescribeImages"] = catalog.DescribeImagesAsync,
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
        };
    }

    public IReadOnlyCollection<string> Actions => _actions.Keys;

    /// <summary>The action's result, or null when the action is not served.</summary>
    public Task<Ec2Result>? Dispatch(Ec2Call call) =>
        call.Query.Action is { } action && _actions.TryGetValue(action, out var run) ? run(call) : null;
}
