namespace StandardsCloud.Cdmi.Conformance;

/// <summary>
/// Tests that count the bytes this process allocates run alone: tests running beside them would
/// add their own allocations to the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "allocation counts";
}
