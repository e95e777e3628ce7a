using StandardsCloud.LaunchStorm.Measure;
using StandardsCloud.LoadHarness.Report;

namespace StandardsCloud.LaunchStorm.Report;

/// <summary>
/// The storm's record: the shared elements first (elapsed_time, cpu_time, ops_per_sec, p50_ms,
/// p99_ms), then this benchmark's own, each named for what it holds.
/// </summary>
public static class ResultsXml
{
    public static void Write(StormResult r, string path)
    {
        var o = r.Options;
        using var record = new ResultsRecord(path);
        record.Benchmark("launch_storm", p =>
        {
            p.Element("instances", o.Instances);
            p.Element("nodes", o.Site.Nodes);
            p.Element("concurrency", o.Concurrency);
            p.Element("instance_type", o.InstanceType);
            p.Element("node_cpus", o.Site.NodeCpus);
            p.Element("node_memory_mib", o.Site.NodeMemoryMiB);
            p.Element("node_nice", o.Site.NodeNice);
            p.Element("timeout_sec", o.Deadline.TotalSeconds);
            p.Element("healthz_interval_ms", HealthSampler.Interval.TotalMilliseconds);
            p.Element("postgres_fsync", o.Site.NoFsync ? "off" : "on");
            p.Element("machine_cpus", Environment.ProcessorCount);
            p.Element("machine_load_1m", r.LoadAverageBefore);
        }, x =>
        {
            x.Element("elapsed_time", r.ElapsedSeconds, "F2", "sec");
            x.Element("cpu_time", r.Cpu.Cloud, "F2", "sec");
            x.Element("ops_per_sec", r.OpsPerSecond, "F1");
            x.Element("p50_ms", r.Launch.P50, "F1");
            x.Element("p99_ms", r.Launch.P99, "F1");
            x.Element("all_running", r.AllRunning);
            x.Element("instances_running", r.RunningCount);
            x.Element("launch_phase_time", r.LaunchPhaseSeconds, "F2", "sec");
            x.Element("launch_max_ms", r.Launch.Max, "F1");
            x.Element("launch_errors", r.LaunchErrors);
            x.Element("placement_p50_ms", r.Placement.P50, "F1");
            x.Element("placement_p99_ms", r.Placement.P99, "F1");
            x.Element("placement_max_ms", r.Placement.Max, "F1");
            x.Element("running_p50_ms", r.RequestToRunning.P50, "F1");
            x.Element("running_p99_ms", r.RequestToRunning.P99, "F1");
            x.Element("healthz_p50_ms", r.Health.P50, "F1");
            x.Element("healthz_p99_ms", r.Health.P99, "F1");
            x.Element("healthz_max_ms", r.Health.Max, "F1");
            x.Element("healthz_samples", r.Health.Count);
            x.Element("healthz_errors", r.HealthFailures);
            x.Element("server_cpu_time", r.Cpu.Server, "F2", "sec");
            x.Element("nodes_cpu_time", r.Cpu.Nodes, "F2", "sec");
            x.Element("postgres_cpu_time", r.Cpu.Postgres, "F2", "sec");
            x.Element("harness_cpu_time", r.Cpu.Harness, "F2", "sec");
        });
    }
}
