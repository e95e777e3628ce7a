using StandardsCloud.Ec2Describe.Workload;
using StandardsCloud.LoadHarness.Report;

namespace StandardsCloud.Ec2Describe.Report;

/// <summary>
/// The run's record: for each target (parameter <c>target</c>: standardscloud or moto) one
/// benchmark per measured call, then the comparison with the targets' verdicts. <c>p50_ms</c>,
/// <c>p95_ms</c> and <c>p99_ms</c> are the answer on the wire; <c>call_…</c> the whole boto3 call.
/// </summary>
public static class DescribeResultsXml
{
    public static void Write(DescribeResult r, string path)
    {
        using var record = new ResultsRecord(path);
        foreach (var run in new[] { r.Ours, r.Moto }.OfType<TargetRun>())
        {
            WriteTarget(record, r.Options, run);
        }

        record.Benchmark("ec2_describe_vs_moto", p =>
        {
            p.Element("instances", r.Options.Instances);
            p.Element("moto_instances", r.Moto?.Target.Instances ?? 0);
            p.Element("nb_threads", r.Options.Threads);
            p.Element("machine_cpus", Environment.ProcessorCount);
            p.Element("machine_load_1m", r.LoadBefore);
            p.Element("machine_load_1m_after", r.LoadAfter);
        }, x =>
        {
            x.Element("filtered_p95_ms", r.FilteredP95Ms, "F2");
            x.Element("filtered_p95_target_ms", DescribeTargets.FilteredP95Ms);
            x.Element("filtered_p95_verdict", Verdict(DescribeTargets.LatencyMet(r)));
            x.Element("filtered_throughput_ratio", r.FilteredThroughputRatio, "F2");
            x.Element("listing_throughput_ratio", r.ListingThroughputRatio, "F2");
            x.Element("filtered_cpu_ratio", r.FilteredCpuRatio, "F2");
            x.Element("filtered_instance_ratio", r.FilteredInstanceRatio, "F2");
            x.Element("client_ceiling_ratio", r.FilteredCeilingRatio, "F2");
            x.Element("filtered_share_of_client_ceiling", r.FilteredShareOfCeiling, "F3");
            x.Element("throughput_target_ratio", DescribeTargets.ThroughputRatio);
            if (r.Moto is not null)
            {
                x.Element("filtered_throughput_verdict", Verdict(DescribeTargets.FilteredThroughputMet(r)));
                x.Element("listing_throughput_verdict", Verdict(DescribeTargets.ListingThroughputMet(r)));
            }
        });
    }

    private static void WriteTarget(ResultsRecord record, DescribeOptions o, TargetRun run)
    {
        var t = run.Target;
        void Common(ResultsRecord p, PhaseRun phase, int threads)
        {
            p.Element("target", t.Name);
            p.Element("instances", t.Instances);
            p.Element("nb_threads", threads);
            p.Element("machine_cpus", Environment.ProcessorCount);
            p.Element("machine_load_1m", phase.LoadBefore);
        }

        record.Benchmark("ec2_run_instances", p =>
        {
            Common(p, run.Launch, o.Threads);
            p.Element("single_calls", run.Single.Calls);
            p.Element("batch_max_count", o.Batch);
        }, x =>
        {
            x.Element("elapsed_time", run.Launch.WallSeconds, "F2", "sec");
            x.Element("cpu_time", run.Launch.Target.Answering, "F2", "sec");
            x.Element("ops_per_sec", run.LaunchRate, "F1");
            x.Element("p50_ms", run.Single.Wire.P50, "F1");
            x.Element("p99_ms", run.Single.Wire.P99, "F1");
            x.Element("single_calls_per_sec", run.Single.CallRate, "F1");
            x.Element("single_p95_ms", run.Single.Wire.P95, "F1");
            x.Element("batch_calls_per_sec", run.Batch.CallRate, "F2");
            x.Element("batch_instances_per_sec", run.Batch.InstanceRate, "F1");
            x.Element("batch_p50_ms", run.Batch.Wire.P50, "F1");
            x.Element("batch_p95_ms", run.Batch.Wire.P95, "F1");
            x.Element("instances_launched", run.Single.Instances + run.Batch.Instances);
            x.Element("errors", run.Single.Errors + run.Batch.Errors);
            if (run.RunningCount is { } running)
            {
                x.Element("instances_running", running);
                x.Element("all_running", running >= t.Instances);
                x.Element("running_after_launch", run.RunningAfterSeconds ?? double.NaN, "F2", "sec");
            }

            Costs(x, run.Launch);
        });

        Latency(record, "ec2_describe_instances_by_id", run.Filtered, run.ById, p =>
        {
            Common(p, run.Filtered, 1);
            p.Element("filter", "instance-id");
        });
        Latency(record, "ec2_describe_instances_by_type", run.Filtered, run.ByType, p =>
        {
            Common(p, run.Filtered, 1);
            p.Element("filter", "instance-type");
        });
        Latency(record, "ec2_describe_instances_page", run.Page, run.FirstPage, p =>
        {
            Common(p, run.Page, 1);
            p.Element("max_results", 1000);
        });
        Throughput(record, "ec2_describe_instances_throughput", run, run.FilteredThroughput, run.FilteredRate, p =>
        {
            Common(p, run.FilteredThroughput, o.Threads);
            p.Element("filters", "instance-id, instance-type in turn");
            p.Element("parsed", o.ParseAnswers);
        });
        Throughput(record, "ec2_describe_instances_client_ceiling", run, run.FilteredCeiling, run.FilteredCeilingRate, p =>
        {
            Common(p, run.FilteredCeiling, o.Threads);
            p.Element("filters", "instance-id, instance-type in turn");
            p.Element("parsed", o.ParseAnswers);
            p.Element("answers", "replayed: nothing sent");
        });
        Throughput(record, "ec2_describe_instances_listing", run, run.ListingThroughput, run.ListingRate, p =>
        {
            Common(p, run.ListingThroughput, o.Threads);
            p.Element("parsed", o.ParseAnswers);
        });
    }

    private static void Latency(ResultsRecord record, string name, PhaseRun phase, Series s, Action<ResultsRecord> parameters) =>
        record.Benchmark(name, parameters, x =>
        {
            x.Element("elapsed_time", s.Seconds, "F2", "sec");
            x.Element("ops_per_sec", s.CallRate, "F1");
            Distribution(x, s);
            x.Element("instances_per_call", s.Calls > 0 ? (double)s.Instances / s.Calls : double.NaN, "F1");
            x.Element("answer_bytes", s.AnswerBytes ?? double.NaN, "F0");
            x.Element("errors", s.Errors);
            x.Element("wrong_answers", s.WrongAnswers);
            x.Element("phase_cpu_time", phase.Target.Answering, "F2", "sec");
            x.Element("phase_time", phase.WallSeconds, "F2", "sec");
        });

    private static void Throughput(ResultsRecord record, string name, TargetRun run, PhaseRun phase, Series s, Action<ResultsRecord> parameters) =>
        record.Benchmark(name, parameters, x =>
        {
            x.Element("elapsed_time", s.Seconds, "F2", "sec");
            x.Element("cpu_time", phase.Target.Answering, "F2", "sec");
            x.Element("ops_per_sec", s.CallRate, "F1");
            Distribution(x, s);
            x.Element("instances_per_sec", s.InstanceRate, "F0");
            x.Element("target_cpu_ms_per_call", phase.TargetMsPerCall(s, run.IdleCpuPerSecond), "F3");
            x.Element("target_idle_cpu_per_sec", run.IdleCpuPerSecond, "F3");
            x.Element("answer_bytes", s.AnswerBytes ?? double.NaN, "F0");
            x.Element("errors", s.Errors);
            x.Element("wrong_answers", s.WrongAnswers);
            Costs(x, phase);
        });

    private static void Distribution(ResultsRecord x, Series s)
    {
        x.Element("p50_ms", s.Wire.P50, "F2");
        x.Element("p95_ms", s.Wire.P95, "F2");
        x.Element("p99_ms", s.Wire.P99, "F2");
        x.Element("max_ms", s.Wire.Max, "F2");
        x.Element("call_p50_ms", s.Call.P50, "F2");
        x.Element("call_p95_ms", s.Call.P95, "F2");
        x.Element("call_p99_ms", s.Call.P99, "F2");
        x.Element("calls", s.Calls);
    }

    private static void Costs(ResultsRecord x, PhaseRun phase)
    {
        x.Element("server_cpu_time", phase.Target.Server, "F2", "sec");
        x.Element("postgres_cpu_time", phase.Target.Database, "F2", "sec");
        x.Element("nodes_cpu_time", phase.Target.Nodes, "F2", "sec");
        x.Element("client_cpu_time", phase.ClientCpu, "F2", "sec");
        x.Element("other_cpu_time", phase.OtherCpu, "F2", "sec");
        x.Element("machine_busy_time", phase.MachineBusy, "F2", "sec");
    }

    private static string Verdict(bool met) => met ? "PASS" : "MISS";
}
