namespace StandardsCloud.Compute.Instances;

/// <summary>
/// An instance as a listing of locations needs it: its identity, the client token it was made
/// with, and enough of its state to tell whether it is still live. Reading only these from the
/// store keeps a listing of thousands of instances cheap.
/// </summary>
public sealed record InstanceHandle
{
    public string Id { get; init; } = "";

    public string? ClientToken { get; init; }

    public InstanceState State { get; init; }

    public InstanceIntent Intent { get; init; }
}
