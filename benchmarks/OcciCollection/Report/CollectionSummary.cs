using System.Globalization;
using System.Text;

namespace StandardsCloud.OcciCollection.Report;

/// <summary>The table printed at the end of a run: each rendering beside the ceiling, then the verdicts.</summary>
public static class CollectionSummary
{
    public static string Of(CollectionResult r, string resultsPath)
    {
        var text = new StringBuilder();
        void Line(string format, params object?[] args) => text.AppendLine(string.Format(CultureInfo.InvariantCulture, format, args));

        var o = r.Options;
        Line("OCCI GET /compute/ over {0} instances, {1} clients, {2} s each in {3} rounds; {4} CPUs, load {5:F2} before, {6:F2} after",
            o.Instances, o.Clients, o.Seconds, o.Rounds, Environment.ProcessorCount, r.LoadBefore, r.LoadAfter);
        Line("");
        Line("  {0,-36} {1,10} {2,9} {3,9} {4,9} {5,12} {6,10} {7,8} {8,8}", "", "requests/s", "p50 ms", "p95 ms", "p99 ms", "bytes", "CPU ms/req", "x ceil", "p95 x");
        foreach (var run in r.Renderings.Append(r.Ceiling))
        {
            var ceiling = ReferenceEquals(run, r.Ceiling);
            var idle = ceiling ? r.CeilingIdleCpuPerSecond : r.ServerIdleCpuPerSecond;
            Line("  {0,-36} {1,10:F2} {2,9:F1} {3,9:F1} {4,9:F1} {5,12} {6,10:F1} {7,8} {8,8}",
                run.Target.Label, run.RequestsPerSecond, run.Latency.P50, run.Latency.P95, run.Latency.P99, run.AnswerBytes,
                run.ServerCpuMsPerRequest(idle), ceiling ? "" : $"{r.ThroughputRatio(run):F2}", ceiling ? "" : $"{r.P95Ratio(run):F2}");
        }

        Line("");
        Line("  {0,-44} {1,-26} {2,-16} {3}", "target: within 2x of the ceiling", "measured (req/s, p95)", "wanted", "");
        foreach (var run in r.Renderings.Where(x => CollectionTargets.Judged.Contains(x.Target.MediaType)))
        {
            Line("  {0,-44} {1,-26} {2,-16} {3}", run.Target.Label, $"{r.ThroughputRatio(run):F2}x, {r.P95Ratio(run):F2}x",
                $"at most {CollectionTargets.Ratio:0}x", CollectionTargets.Met(r, run) ? "PASS" : "MISS");
        }

        foreach (var run in r.Renderings.Append(r.Ceiling).Where(x => x.Errors + x.WrongAnswers > 0))
        {
            Line("  {0}: {1} errors, {2} wrong answers; first: {3}", run.Target.Label, run.Errors, run.WrongAnswers, run.FirstProblem);
        }

        Line("");
        Line("results: {0}", resultsPath);
        return text.ToString();
    }
}
