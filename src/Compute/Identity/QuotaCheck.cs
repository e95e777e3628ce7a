namespace StandardsCloud.Compute.Identity;

/// <summary>How many more instances of a size fit a quota, and which limit stops the rest.</summary>
public static class QuotaCheck
{
    /// <summary>A user's own limits, each left unset taking the site default (administrators are unlimited unless set).</summary>
    public static Quota Effective(User? user, Quota siteDefault) => user is null ? siteDefault : new(
        user.Quota.Instances ?? (user.IsAdmin ? null : siteDefault.Instances),
        user.Quota.Cpus ?? (user.IsAdmin ? null : siteDefault.Cpus),
        user.Quota.MemoryMiB ?? (user.IsAdmin ? null : siteDefault.MemoryMiB),
        user.Quota.VolumeGiB ?? (user.IsAdmin ? null : siteDefault.VolumeGiB),
        user.Quota.Snapshots ?? (user.IsAdmin ? null : siteDefault.Snapshots));

    /// <summary>How many of <paramref name="wanted"/> instances fit; <paramref name="limit"/> names the limit that stops the rest, and why.</summary>
    public static int HowManyFit(Quota quota, Ports.Usage usage, int cpus, long memoryMiB, int wanted, out (QuotaKind Kind, string Reason)? limit)
    {
        limit = null;
        var fit = wanted;
        if (quota.Instances is { } maxInstances && usage.Instances + fit > maxInstances)
        {
            fit = Math.Max(0, maxInstances - usage.Instances);
            limit = (QuotaKind.Instances, $"instance quota {maxInstances} reached ({usage.Instances} in use)");
        }

        if (quota.Cpus is { } maxCpus && usage.Cpus + ((long)fit * cpus) > maxCpus)
        {
            fit = Math.Max(0, (maxCpus - usage.Cpus) / Math.Max(1, cpus));
            limit = (QuotaKind.Cpus, $"CPU quota {maxCpus} reached ({usage.Cpus} in use, {cpus} more asked per instance)");
        }

        if (quota.MemoryMiB is { } maxMemory && usage.MemoryMiB + (fit * memoryMiB) > maxMemory)
        {
            fit = (int)Math.Max(0, (maxMemory - usage.MemoryMiB) / Math.Max(1, memoryMiB));
            limit = (QuotaKind.Memory, $"memory quota {maxMemory} MiB reached ({usage.MemoryMiB} MiB in use, {memoryMiB} MiB more asked per instance)");
        }

        return fit;
    }
}
