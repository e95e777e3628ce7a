using StandardsCloud.LoadHarness.Measure;
using StandardsCloud.OcciCollection.Measure;

namespace StandardsCloud.OcciCollection.Report;

/// <summary>Everything measured against one target over all rounds.</summary>
public sealed class TargetRun(Target target)
{
    private readonly List<Stretch> _stretches = [];

    public Target Target { get; } = target;

    /// <summary>Size of one answer in bytes (body; for text/occi the headers hold the listing).</summary>
    public long AnswerBytes { get; set; }

    public double ServerCpu { get; private set; }
    public double ClientCpu { get; private set; }
    public double MachineBusy { get; private set; }
    public double Seconds => _stretches.Sum(s => s.Seconds);
    public int Requests => _stretches.Sum(s => s.Requests);
    public int Errors => _stretches.Sum(s => s.Errors);
    public int WrongAnswers => _stretches.Sum(s => s.WrongAnswers);
    public string? FirstProblem => _stretches.Select(s => s.FirstProblem).FirstOrDefault(p => p is not null);
    public LatencySummary Latency => LatencySummary.Of(_stretches.SelectMany(s => s.LatenciesMs));
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : double.NaN;

    /// <summary>Requests per second in each round, to show how steady the machine was.</summary>
    public IReadOnlyList<double> RoundRates => [.. _stretches.Select(s => s.Seconds > 0 ? s.Requests / s.Seconds : double.NaN)];

    /// <summary>CPU milliseconds the answering side spent per request, less what it spends idle.</summary>
    public double ServerCpuMsPerRequest(double idlePerSecond) =>
        Requests == 0 ? double.NaN : Math.Max(0, ServerCpu - (idlePerSecond * Seconds)) * 1000 / Requests;

    public double ClientCpuMsPerRequest => Requests == 0 ? double.NaN : ClientCpu * 1000 / Requests;

    /// <summary>Busy CPU seconds of the machine spent neither by the answering side nor by the clients.</summary>
    public double OtherCpu => Math.Max(0, MachineBusy - ServerCpu - ClientCpu);

    public void Add(Stretch stretch, double serverCpu, double clientCpu, double machineBusy)
    {
        _stretches.Add(stretch);
        ServerCpu += serverCpu;
        ClientCpu += clientCpu;
        MachineBusy += machineBusy;
    }
}

/// <summary>A whole run: the four renderings and the ceiling, and how the machine was meanwhile.</summary>
public sealed record CollectionResult(
    CollectionOptions Options,
    IReadOnlyList<TargetRun> Renderings,
    TargetRun Ceiling,
    double ServerIdleCpuPerSecond,
    double CeilingIdleCpuPerSecond,
    double LoadSeconds,
    double RunningAfterSeconds,
    double LoadBefore,
    double LoadAfter)
{
    /// <summary>The ceiling's requests per second over the rendering's: how many times slower it is.</summary>
    public double ThroughputRatio(TargetRun run) => Ceiling.RequestsPerSecond / run.RequestsPerSecond;

    /// <summary>The rendering's p95 over the ceiling's.</summary>
    public double P95Ratio(TargetRun run) => run.Latency.P95 / Ceiling.Latency.P95;

    /// <summary>The answering side's CPU per request over the ceiling's.</summary>
    public double CpuRatio(TargetRun run) =>
        run.ServerCpuMsPerRequest(ServerIdleCpuPerSecond) / Ceiling.ServerCpuMsPerRequest(CeilingIdleCpuPerSecond);

    public bool WrongAnswers => Renderings.Append(Ceiling).Any(r => r.WrongAnswers + r.Errors > 0);
}

/// <summary>The target: text/uri-list and occi+json within 2× of the ceiling.</summary>
public static class CollectionTargets
{
    public const double Ratio = 2.0;

    /// <summary>The renderings the target is set for.</summary>
    public static readonly IReadOnlySet<string> Judged = new HashSet<string>(StringComparer.Ordinal) { "text/uri-list", "application/occi+json" };

    /// <summary>Within 2×: at least half the ceiling's requests per second, and a p95 at most twice its.</summary>
    public static bool Met(CollectionResult r, TargetRun run) =>
        run.Requests > 0 && r.ThroughputRatio(run) <= Ratio && r.P95Ratio(run) <= Ratio;
}
