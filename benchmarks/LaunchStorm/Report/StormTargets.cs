namespace StandardsCloud.LaunchStorm.Report;

/// <summary>The targets the launch storm is judged by.</summary>
public static class StormTargets
{
    /// <summary>Every instance running within this long of the first request.</summary>
    public const double AllRunningSeconds = 60;

    /// <summary>The health probe's 99th percentile during the storm stays under this.</summary>
    public const double HealthP99Ms = 100;

    public static bool AllRunningMet(StormResult r) => r.AllRunning && r.ElapsedSeconds <= AllRunningSeconds;

    public static bool HealthMet(StormResult r) => r.Health.Count > 0 && r.Health.P99 < HealthP99Ms;
}
