using System.Globalization;
using System.Text;
using StandardsCloud.Ec2Describe.Workload;

namespace StandardsCloud.Ec2Describe.Report;

/// <summary>The figures for people: both targets side by side, then the targets with PASS or MISS.</summary>
public static class DescribeSummary
{
    public static string Of(DescribeResult r, string resultsPath)
    {
        var o = r.Options;
        var ours = r.Ours;
        var moto = r.Moto;
        var text = new StringBuilder();
        void Line(string format, params object?[] values) => text.AppendLine(string.Format(CultureInfo.InvariantCulture, format, values));
        void Row(string what, Func<TargetRun, string> figure, double ratio = double.NaN) =>
            Line("  {0,-44} {1,22} {2,22} {3,8}", what, figure(ours), moto is null ? "-" : figure(moto), double.IsNaN(ratio) ? "" : $"{ratio:F1}x");

        Line("EC2 DescribeInstances: StandardsCloud with {0} instances, moto_server with {1}; boto3, {2} client threads; {3} CPUs here (load {4:F2} before, {5:F2} after)",
            o.Instances, moto?.Target.Instances ?? 0, o.Threads, Environment.ProcessorCount, r.LoadBefore, r.LoadAfter);
        Line("");
        Line("  {0,-44} {1,22} {2,22} {3,8}", "", "StandardsCloud", "moto", "ratio");
        Row("RunInstances, 1 instance a call", t => $"{t.Single.CallRate:F1} calls/s", Ratio(ours.Single.CallRate, moto?.Single.CallRate));
        Row($"RunInstances, MaxCount={o.Batch}", t => $"{t.Batch.CallRate:F2} calls/s", Ratio(ours.Batch.CallRate, moto?.Batch.CallRate));
        Row("  instances launched per second, all calls", t => $"{t.LaunchRate:F1}/s", Ratio(ours.LaunchRate, moto?.LaunchRate));
        Row("  all running, after the last launch", t => t.RunningAfterSeconds is { } s ? $"{t.RunningCount} in {s:F1} s" : "at once");
        Row("filter instance-id, p50 / p95 (wire)", t => Pair(t.ById.Wire));
        Row("filter instance-type (1%), p50 / p95", t => Pair(t.ByType.Wire));
        Row("  the same, whole boto3 call", t => Pair(t.ByType.Call));
        Row("first page, MaxResults=1000, p50 / p95", t => Pair(t.FirstPage.Wire));
        Row("  the same, whole boto3 call", t => Pair(t.FirstPage.Call));
        Row($"filtered, {o.Threads} threads", t => $"{t.FilteredRate.CallRate:F1} calls/s", r.FilteredThroughputRatio);
        Row("  instances described per second", t => $"{t.FilteredRate.InstanceRate:F0}/s", r.FilteredInstanceRatio);
        Row("  target CPU per call (ratio: moto's / ours)", t => $"{t.FilteredThroughput.TargetMsPerCall(t.FilteredRate, t.IdleCpuPerSecond):F2} ms", r.FilteredCpuRatio);
        Line("  {0,-44} {1,22} {2,22} {3,8}", "  boto3 alone, our answers replayed", $"{ours.FilteredCeilingRate.CallRate:F1} calls/s", "",
            double.IsNaN(r.FilteredCeilingRatio) ? "" : $"{r.FilteredCeilingRatio:F1}x");
        Row($"whole listing, {o.Threads} threads", t => $"{t.ListingRate.InstanceRate:F0} instances/s", r.ListingThroughputRatio);
        Row("  p50 of one listing (wire)", t => $"{t.ListingRate.Wire.P50:F0} ms");
        Row("  client CPU in that phase", t => $"{t.ListingThroughput.ClientCpu:F1} s");
        Row("  other work's CPU in that phase", t => $"{t.ListingThroughput.OtherCpu:F1} s");
        Line("");
        Line("  {0,-58} {1,12}   {2,-16} {3}", "target", "measured", "wanted", "");
        Line("  {0,-58} {1,12}   {2,-16} {3}", $"filtered DescribeInstances over {o.Instances} instances, p95", $"{r.FilteredP95Ms:F2} ms",
            $"under {DescribeTargets.FilteredP95Ms:0} ms", Verdict(DescribeTargets.LatencyMet(r)));
        if (moto is not null)
        {
            Line("  {0,-58} {1,12}   {2,-16} {3}", "filtered DescribeInstances calls per second, over moto's", $"{r.FilteredThroughputRatio:F1}x",
                $"at least {DescribeTargets.ThroughputRatio:0}x", Verdict(DescribeTargets.FilteredThroughputMet(r)));
            Line("  {0,-58} {1,12}   {2,-16} {3}", "  the most boto3 can make here (nothing sent), over moto's", $"{r.FilteredCeilingRatio:F1}x", "", "");
            Line("  {0,-58} {1,12}   {2,-16} {3}", "  ours, as a share of that", $"{r.FilteredShareOfCeiling:P0}", "", "");
            Line("  {0,-58} {1,12}   {2,-16} {3}", "instances listed per second, over moto's", $"{r.ListingThroughputRatio:F1}x",
                $"at least {DescribeTargets.ThroughputRatio:0}x", Verdict(DescribeTargets.ListingThroughputMet(r)));
        }

        var errors = new[] { ours, moto }.OfType<TargetRun>()
            .SelectMany(t => new[] { t.Single, t.Batch, t.ById, t.ByType, t.FirstPage, t.FilteredRate, t.ListingRate }.Select(s => (t.Target.Name, s)))
            .Where(x => x.s.Errors + x.s.WrongAnswers > 0)
            .ToList();
        foreach (var (target, s) in errors)
        {
            Line("  {0} {1}: {2} errors, {3} wrong answers; first: {4}", target, s.Name, s.Errors, s.WrongAnswers, s.FirstError);
        }

        Line("");
        Line("results: {0}", resultsPath);
        return text.ToString();
    }

    private static double Ratio(double ours, double? theirs) => theirs is > 0 ? ours / theirs.Value : double.NaN;

    private static string Pair(Percentiles p) => string.Create(CultureInfo.InvariantCulture, $"{p.P50:F1} / {p.P95:F1} ms");

    private static string Verdict(bool met) => met ? "PASS" : "MISS";
}
