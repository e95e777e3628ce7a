using StandardsCloud.Ec2Describe.Workload;

namespace StandardsCloud.Ec2Describe.Report;

/// <summary>Everything one run measured, and how StandardsCloud compares with moto.</summary>
public sealed record DescribeResult(DescribeOptions Options, TargetRun Ours, TargetRun? Moto, double LoadBefore, double LoadAfter)
{
    /// <summary>Filtered DescribeInstances calls per second under the same client threads, ours over moto's.</summary>
    public double FilteredThroughputRatio => Ratio(Ours.FilteredRate.CallRate, Moto?.FilteredRate.CallRate);

    /// <summary>
    /// Filtered calls per second boto3 makes here when our answers are replayed to it and nothing is
    /// sent, over moto's filtered calls per second: the most any server could show with this client.
    /// </summary>
    public double FilteredCeilingRatio => Ratio(Ours.FilteredCeilingRate.CallRate, Moto?.FilteredRate.CallRate);

    /// <summary>Filtered DescribeInstances answered per second, as a share of what the client can make at all.</summary>
    public double FilteredShareOfCeiling => Ratio(Ours.FilteredRate.CallRate, Ours.FilteredCeilingRate.CallRate);

    /// <summary>Instances described per second by filtered calls, ours over moto's.</summary>
    public double FilteredInstanceRatio => Ratio(Ours.FilteredRate.InstanceRate, Moto?.FilteredRate.InstanceRate);

    /// <summary>Instances described per second by whole listings, ours over moto's.</summary>
    public double ListingThroughputRatio => Ratio(Ours.ListingRate.InstanceRate, Moto?.ListingRate.InstanceRate);

    /// <summary>
    /// CPU one filtered call costs moto over what it costs us: the throughput ratio two machines of
    /// the same size would show with clients that cost nothing, whatever the client here could drive.
    /// </summary>
    public double FilteredCpuRatio => Moto is null
        ? double.NaN
        : Ratio(Moto.FilteredThroughput.TargetMsPerCall(Moto.FilteredRate, Moto.IdleCpuPerSecond),
            Ours.FilteredThroughput.TargetMsPerCall(Ours.FilteredRate, Ours.IdleCpuPerSecond));

    /// <summary>The worse p95 of the two filtered queries, on the wire.</summary>
    public double FilteredP95Ms => Math.Max(Ours.ById.Wire.P95, Ours.ByType.Wire.P95);

    private static double Ratio(double ours, double? theirs) => theirs is > 0 ? ours / theirs.Value : double.NaN;
}

/// <summary>The targets the run is judged by.</summary>
public static class DescribeTargets
{
    /// <summary>A filtered DescribeInstances over 10,000 instances answers within this at p95.</summary>
    public const double FilteredP95Ms = 10;

    /// <summary>DescribeInstances throughput at least this many times moto's.</summary>
    public const double ThroughputRatio = 100;

    public static bool LatencyMet(DescribeResult r) => r.FilteredP95Ms < FilteredP95Ms;

    public static bool FilteredThroughputMet(DescribeResult r) => r.FilteredThroughputRatio >= ThroughputRatio;

    public static bool ListingThroughputMet(DescribeResult r) => r.ListingThroughputRatio >= ThroughputRatio;
}
