using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.LaunchStorm.Report;

/// <summary>CPU seconds each part of the cloud spent during the storm.</summary>
public sealed record CpuSpent(double Server, double Nodes, double Postgres, double Harness)
{
    /// <summary>The cloud's own work: server, node daemons and PostgreSQL (not the harness).</summary>
    public double Cloud => Server + Nodes + Postgres;
}

/// <summary>Everything one storm measured.</summary>
public sealed record StormResult
{
    public required StormOptions Options { get; init; }

    /// <summary>The machine's one-minute load average just before the storm: other work skews the figures.</summary>
    public required double LoadAverageBefore { get; init; }

    /// <summary>From the first launch request to all instances seen running (or to giving up).</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>From the first launch request to the last launch answer.</summary>
    public required double LaunchPhaseSeconds { get; init; }

    public required int RunningCount { get; init; }
    public bool AllRunning => RunningCount >= Options.Instances;
    public required IReadOnlyDictionary<string, int> StateCounts { get; init; }

    public required LatencySummary Launch { get; init; }
    public required int LaunchErrors { get; init; }
    public string? FirstLaunchError { get; init; }

    public required LatencySummary Placement { get; init; }
    public required LatencySummary RequestToRunning { get; init; }
    public required LatencySummary Health { get; init; }
    public required int HealthFailures { get; init; }
    public required CpuSpent Cpu { get; init; }

    /// <summary>Instances running per second of the storm.</summary>
    public double OpsPerSecond => ElapsedSeconds > 0 ? RunningCount / ElapsedSeconds : 0;
}

/// <summary>Differences of CPU counters taken before and after.</summary>
public static class CpuSpentArithmetic
{
    public static CpuSpent Minus(this CpuSpent after, CpuSpent before) => new(
        after.Server - before.Server, after.Nodes - before.Nodes, after.Postgres - before.Postgres, after.Harness - before.Harness);
}
