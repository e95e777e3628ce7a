namespace StandardsCloud.Ec2Describe.Workload;

/// <summary>Everything measured against one target.</summary>
public sealed record TargetRun
{
    public required Target Target { get; init; }
    public required PhaseRun Launch { get; init; }

    /// <summary>From the last RunInstances answer until every instance was seen running; null where not waited for (moto starts them running).</summary>
    public double? RunningAfterSeconds { get; init; }

    public int? RunningCount { get; init; }

    /// <summary>The target's own CPU seconds per second while nobody calls it (node heartbeats and the like).</summary>
    public required double IdleCpuPerSecond { get; init; }

    public required PhaseRun Filtered { get; init; }
    public required PhaseRun Page { get; init; }
    public required PhaseRun FilteredThroughput { get; init; }
    public required PhaseRun ListingThroughput { get; init; }

    /// <summary>The filtered calls' workload with this target's answers replayed to boto3, nothing sent: the client's ceiling.</summary>
    public required PhaseRun FilteredCeiling { get; init; }

    public Series Single => Launch.Result.Named("single");
    public Series Batch => Launch.Result.Named("batch");
    public Series ById => Filtered.Result.Named("by_id");
    public Series ByType => Filtered.Result.Named("by_type");
    public Series FirstPage => Page.Result.Named("first_page");
    public Series FilteredRate => FilteredThroughput.Result.Named("filtered_throughput");
    public Series ListingRate => ListingThroughput.Result.Named("listing_throughput");
    public Series FilteredCeilingRate => FilteredCeiling.Result.Named("filtered_ceiling");

    /// <summary>Instances launched per second over the whole launch phase, singles and batches.</summary>
    public double LaunchRate => Launch.WallSeconds > 0 ? (Single.Instances + Batch.Instances) / (Single.Seconds + Batch.Seconds) : double.NaN;
}
