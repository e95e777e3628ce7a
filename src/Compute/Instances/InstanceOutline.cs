namespace StandardsCloud.Compute.Instances;

/// <summary>
/// An instance as a full listing shows it: identity, size, image, placement, state, access and
/// tags, without its launch context, security groups or bookkeeping. Reading only these from the
/// store keeps a listing of thousands of whole instances cheap.
/// </summary>
public sealed record InstanceOutline
{
    public string Id { get; init; } = "";

    public string? ClientToken { get; init; }

    public string ImageId { get; init; } = "";

    public string InstanceType { get; init; } = "";

    public int Cpus { get; init; }

    public long MemoryMiB { get; init; }

    public string? Hostname { get; init; }

    public string? PublicKey { get; init; }

    public string? UserData { get; init; }

    public string? PrivateAddress { get; init; }

    public InstanceState State { get; init; }

    public InstanceIntent Intent { get; init; }

    public string? StateReason { get; init; }

    public string? HostId { get; init; }

    /// <summary>The owner's tags, key to value.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>The tags of an instance that has none, shared.</summary>
    public static IReadOnlyDictionary<string, string> NoTags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The outline of an instance already read whole.</summary>
    public static InstanceOutline Of(Instance instance) => new()
    {
        Id = instance.Id,
        ClientToken = instance.ClientToken,
        ImageId = instance.ImageId,
        InstanceType = instance.InstanceType,
        Cpus = instance.Cpus,
        MemoryMiB = instance.MemoryMiB,
        Hostname = instance.Hostname,
        PublicKey = instance.PublicKey,
        UserData = instance.UserData,
        PrivateAddress = instance.PrivateAddress,
        State = instance.State,
        Intent = instance.Intent,
        StateReason = instance.StateReason,
        HostId = instance.HostId,
        Tags = instance.Tags,
    };
}
