using System.Globalization;
using System.Text;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.LaunchStorm.Report;

/// <summary>The figures for people, with the targets beside them.</summary>
public static class StormSummary
{
    public static string Of(StormResult r, string resultsPath)
    {
        var o = r.Options;
        var text = new StringBuilder();
        void Line(string format, params object[] values) => text.AppendLine(string.Format(CultureInfo.InvariantCulture, format, values));

        Line("launch storm: {0} x {1} over {2} test-driver nodes, {3} requests in flight, PostgreSQL fsync {4}, {5} CPUs here (load {6:F2} before)",
            o.Instances, o.InstanceType, o.Site.Nodes, o.Concurrency, o.Site.NoFsync ? "off" : "on", Environment.ProcessorCount, r.LoadAverageBefore);
        Line("");
        Line("  {0,-40} {1,16}   {2,-18} {3}", "", "measured", "target", "");
        Line("  {0,-40} {1,16}   {2,-18} {3}", "all instances running, from 1st request",
            r.AllRunning ? Seconds(r.ElapsedSeconds) : $"{r.RunningCount}/{o.Instances} in {Seconds(r.ElapsedSeconds)}",
            $"all within {StormTargets.AllRunningSeconds:0} s", Verdict(StormTargets.AllRunningMet(r)));
        Line("  {0,-40} {1,16}   {2,-18} {3}", "/healthz p99 during the storm", Ms(r.Health.P99) + " ms",
            $"under {StormTargets.HealthP99Ms:0} ms", Verdict(StormTargets.HealthMet(r)));
        Line("");
        Line("  launch requests            {0} sent, {1} failed, all answered after {2}", r.Launch.Count, r.LaunchErrors, Seconds(r.LaunchPhaseSeconds));
        Distribution(text, "launch request", r.Launch);
        Distribution(text, "request to placed", r.Placement);
        Distribution(text, "request to running", r.RequestToRunning);
        Distribution(text, "/healthz", r.Health);
        Line("  /healthz probes            {0} taken, {1} failed", r.Health.Count, r.HealthFailures);
        Line("  throughput                 {0:F1} instances running per second", r.OpsPerSecond);
        Line("  CPU during the storm       server {0:F1} s, nodes {1:F1} s, PostgreSQL {2:F1} s, harness {3:F1} s (wall {4:F1} s x {5} CPUs = {6:F1} s)",
            r.Cpu.Server, r.Cpu.Nodes, r.Cpu.Postgres, r.Cpu.Harness, r.ElapsedSeconds, Environment.ProcessorCount, r.ElapsedSeconds * Environment.ProcessorCount);
        if (!r.AllRunning)
        {
            Line("  states at the end          {0}", string.Join(", ", r.StateCounts.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}")));
        }

        if (r.FirstLaunchError is { } error)
        {
            Line("  first launch error         {0}", error.Length > 200 ? error[..200] + "…" : error);
        }

        Line("");
        Line("results: {0}", resultsPath);
        return text.ToString();
    }

    private static void Distribution(StringBuilder text, string what, LatencySummary s) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"  {what + " (ms)",-26} p50 {Ms(s.P50)}  p99 {Ms(s.P99)}  max {Ms(s.Max)}  (n={s.Count})");

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static string Seconds(double s) => s.ToString("F2", CultureInfo.InvariantCulture) + " s";

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString("F1", CultureInfo.InvariantCulture);
}
