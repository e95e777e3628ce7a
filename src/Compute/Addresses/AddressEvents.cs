using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Addresses;

public sealed record AddressAllocated(EventContext Context, string PublicIp, string Owner) : IResourceEvent
{
    public string Describe() => $"{PublicIp} allocated to {Owner}";
}

public sealed record AddressAssociated(EventContext Context, string InstanceId, string AssociationId) : IResourceEvent
{
    public string Describe() => $"associated with {InstanceId} ({AssociationId})";
}

public sealed record AddressDisassociated(EventContext Context, string InstanceId) : IResourceEvent
{
    public string Describe() => $"disassociated from {InstanceId}";
}

public sealed record AddressReleased(EventContext Context) : IResourceEvent
{
    public string Describe() => "released to the pool";
}
