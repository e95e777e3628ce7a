using StandardsCloud.LoadHarness.Api;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.BootTime.Report;

/// <summary>One round's three boots, each in milliseconds to the first console line.</summary>
public sealed record BootRound(double BareMs, double InstanceMs, double InstanceWithVolumeMs);

/// <summary>What a run measured.</summary>
public sealed record BootResult(BootOptions Options, IReadOnlyList<BootRound> Rounds, double LoadAverageBefore, InstanceTypeEntry Type)
{
    /// <summary>Ours may take at most this multiple of bare QEMU's time.</summary>
    public const double TargetRatio = 1.2;

    public LatencySummary Bare => LatencySummary.Of(Rounds.Select(r => r.BareMs));

    public LatencySummary Instance => LatencySummary.Of(Rounds.Select(r => r.InstanceMs));

    public LatencySummary InstanceWithVolume => LatencySummary.Of(Rounds.Select(r => r.InstanceWithVolumeMs));

    /// <summary>Median against median: one slow boot on either side does not decide the verdict.</summary>
    public double InstanceRatio => Instance.P50 / Bare.P50;

    public double InstanceWithVolumeRatio => InstanceWithVolume.P50 / Bare.P50;
}
