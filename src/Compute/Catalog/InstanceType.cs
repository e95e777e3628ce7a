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

    /// <summary>The name an instance sized by hand (not from a type) carries.</summary>
    public const string CustomName = "custom";

    /// <summary>
    /// A size asked for by CPUs and memory rather than by type, as OpenNebula and StratusLab allowed;
    /// null with a reason when it is empty or larger than the site's largest type in either measure.
    /// </summary>
    public static (InstanceType? Type, string? Problem) Custom(int cpus, long memoryMiB, IReadOnlyList<InstanceType> offered)
    {
        var maxCpus = offered.Max(t => t.Cpus);
        var maxMemory = offered.Max(t => t.MemoryMiB);
        return cpus < 1 || memoryMiB < 64 || cpus > maxCpus || memoryMiB > maxMemory
            ? (null, $"a custom size has 1 to {maxCpus} CPUs and 64 to {maxMemory} MiB of memory, not {cpus} CPUs and {memoryMiB} MiB")
            : (new InstanceType(CustomName, cpus, memoryMiB), null);
    }
}
