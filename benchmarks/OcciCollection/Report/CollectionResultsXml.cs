using System.Globalization;
using StandardsCloud.LoadHarness.Report;

namespace StandardsCloud.OcciCollection.Report;

/// <summary>
/// The run's record: one benchmark per rendering of <c>GET /compute/</c>, then the ceiling, each
/// with requests per second, latency percentiles, CPU per request, and (renderings) the ratios
/// to the ceiling; the two renderings the issue sets a target for carry its verdict.
/// </summary>
public static class CollectionResultsXml
{
    public static void Write(CollectionResult r, string path)
    {
        using var record = new ResultsRecord(path);
        foreach (var run in r.Renderings)
        {
            Write(record, r, run, ceiling: false);
        }

        Write(record, r, r.Ceiling, ceiling: true);
    }

    private static void Write(ResultsRecord record, CollectionResult r, TargetRun run, bool ceiling)
    {
        var o = r.Options;
        record.Benchmark(run.Target.Name, p =>
        {
            p.Element("media_type", run.Target.MediaType);
            p.Element("served_by", ceiling ? "ceiling: minimal Kestrel app, System.Text.Json array, own process" : "StandardsCloud OCCI");
            p.Element("instances", o.Instances);
            p.Element("nb_threads", o.Clients);
            p.Element("rounds", o.Rounds);
            p.Element("machine_cpus", Environment.ProcessorCount);
            p.Element("machine_load_1m", r.LoadBefore);
            p.Element("machine_load_1m_after", r.LoadAfter);
        }, x =>
        {
            var idle = ceiling ? r.CeilingIdleCpuPerSecond : r.ServerIdleCpuPerSecond;
            x.Element("elapsed_time", run.Seconds, "F2", "sec");
            x.Element("cpu_time", run.ServerCpu, "F2", "sec");
            x.Element("requests", run.Requests);
            x.Element("ops_per_sec", run.RequestsPerSecond, "F2");
            x.Element("round_ops_per_sec", string.Join(' ', run.RoundRates.Select(v => v.ToString("F2", CultureInfo.InvariantCulture))));
            x.Element("p50_ms", run.Latency.P50, "F1");
            x.Element("p95_ms", run.Latency.P95, "F1");
            x.Element("p99_ms", run.Latency.P99, "F1");
            x.Element("max_ms", run.Latency.Max, "F1");
            x.Element("answer_bytes", run.AnswerBytes);
            x.Element("server_cpu_ms_per_request", run.ServerCpuMsPerRequest(idle), "F2");
            x.Element("server_idle_cpu_per_sec", idle, "F3");
            x.Element("client_cpu_ms_per_request", run.ClientCpuMsPerRequest, "F2");
            x.Element("client_cpu_time", run.ClientCpu, "F2", "sec");
            x.Element("other_cpu_time", run.OtherCpu, "F2", "sec");
            x.Element("errors", run.Errors);
            x.Element("wrong_answers", run.WrongAnswers);
            if (!ceiling)
            {
                x.Element("ceiling_ratio", r.ThroughputRatio(run), "F2");
                x.Element("ceiling_p95_ratio", r.P95Ratio(run), "F2");
                x.Element("ceiling_cpu_ratio", r.CpuRatio(run), "F2");
                if (CollectionTargets.Judged.Contains(run.Target.MediaType))
                {
                    x.Element("target_ratio", CollectionTargets.Ratio);
                    x.Element("verdict", CollectionTargets.Met(r, run) ? "PASS" : "MISS");
                }
            }
        });
    }
}
