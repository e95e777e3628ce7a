namespace StandardsCloud.Compute.Catalog;

/// <summary>A size of instance a site offers.</summary>
public sealed record InstanceType(string Name, int Cpus, long MemoryMiB)
{
    /// <summary>The site's types when its configuration names none (StratusLab's and EC2's classic sizes).</summary>
    public static IReadOnlyList<InstanceType> Defaults { get; } =
    [
        new("t1.micro", 1, 512),
        new("m1.small", 1, 1536),
        new("m1.medium", 1, 3072),
        new("m1.large", 2, 6144),
        new("m1.xlarge", 4, 8192),
        new("c1.medium", 2, 1536),
        new("c1.xlarge", 4, 6144),
    ];
}
