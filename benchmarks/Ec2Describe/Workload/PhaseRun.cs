namespace StandardsCloud.Ec2Describe.Workload;

/// <summary>
/// One phase of the workload with what it cost: the driver's figures, and the CPU seconds spent
/// meanwhile by the target, by the driver itself, and by the whole machine (other work included).
/// </summary>
public sealed record PhaseRun(DriverResult Result, double WallSeconds, TargetCpu Target, double ClientCpu, double MachineBusy, double LoadBefore)
{
    /// <summary>Busy CPU seconds of the machine spent neither by the target (nor its hosts) nor by the driver.</summary>
    public double OtherCpu => Math.Max(0, MachineBusy - Target.Answering - Target.Nodes - ClientCpu);

    /// <summary>
    /// The target's CPU milliseconds per call of <paramref name="series"/>, less what it spends
    /// idle (node heartbeats and the like, <paramref name="idlePerSecond"/>), so calls alone are counted.
    /// </summary>
    public double TargetMsPerCall(Series series, double idlePerSecond) =>
        series.Calls == 0 ? double.NaN : Math.Max(0, Target.Answering - (idlePerSecond * WallSeconds)) * 1000 / series.Calls;
}
