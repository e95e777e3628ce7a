using System.Globalization;
using System.Text;
using System.Xml;
using StandardsCloud.LaunchStorm.Measure;

namespace StandardsCloud.LaunchStorm.Report;

/// <summary>
/// Writes StratusLab's benchmark record (see ARCHITECTURE.md, "Benchmark results format"): the
/// shared elements first (elapsed_time, cpu_time, ops_per_sec, p50_ms, p99_ms), then this
/// benchmark's own, each named for what it holds. Figures not measured are left out.
/// </summary>
public static class ResultsXml
{
    public static void Write(StormResult r, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        using var xml = new XmlTextWriter(stream, new UTF8Encoding(false)) { Formatting = Formatting.Indented, Indentation = 2, QuoteChar = '\'' };
        var o = r.Options;
        xml.WriteStartElement("benchmarks");
        xml.WriteStartElement("benchmark");
        xml.WriteAttributeString("name", "launch_storm");

        xml.WriteStartElement("parameters");
        Element(xml, "instances", o.Instances);
        Element(xml, "nodes", o.Nodes);
        Element(xml, "concurrency", o.Concurrency);
        Element(xml, "instance_type", o.InstanceType);
        Element(xml, "node_cpus", o.NodeCpus);
        Element(xml, "node_memory_mib", o.NodeMemoryMiB);
        Element(xml, "node_nice", o.NodeNice);
        Element(xml, "timeout_sec", o.Deadline.TotalSeconds);
        Element(xml, "healthz_interval_ms", HealthSampler.Interval.TotalMilliseconds);
        Element(xml, "postgres_fsync", o.NoFsync ? "off" : "on");
        Element(xml, "machine_cpus", Environment.ProcessorCount);
        Element(xml, "machine_load_1m", r.LoadAverageBefore);
        xml.WriteEndElement();

        xml.WriteStartElement("results");
        Element(xml, "elapsed_time", r.ElapsedSeconds, "F2", "sec");
        Element(xml, "cpu_time", r.Cpu.Cloud, "F2", "sec");
        Element(xml, "ops_per_sec", r.OpsPerSecond, "F1");
        Element(xml, "p50_ms", r.Launch.P50, "F1");
        Element(xml, "p99_ms", r.Launch.P99, "F1");
        Element(xml, "all_running", r.AllRunning ? "true" : "false");
        Element(xml, "instances_running", r.RunningCount);
        Element(xml, "launch_phase_time", r.LaunchPhaseSeconds, "F2", "sec");
        Element(xml, "launch_max_ms", r.Launch.Max, "F1");
        Element(xml, "launch_errors", r.LaunchErrors);
        Element(xml, "placement_p50_ms", r.Placement.P50, "F1");
        Element(xml, "placement_p99_ms", r.Placement.P99, "F1");
        Element(xml, "placement_max_ms", r.Placement.Max, "F1");
        Element(xml, "running_p50_ms", r.RequestToRunning.P50, "F1");
        Element(xml, "running_p99_ms", r.RequestToRunning.P99, "F1");
        Element(xml, "healthz_p50_ms", r.Health.P50, "F1");
        Element(xml, "healthz_p99_ms", r.Health.P99, "F1");
        Element(xml, "healthz_max_ms", r.Health.Max, "F1");
        Element(xml, "healthz_samples", r.Health.Count);
        Element(xml, "healthz_errors", r.HealthFailures);
        Element(xml, "server_cpu_time", r.Cpu.Server, "F2", "sec");
        Element(xml, "nodes_cpu_time", r.Cpu.Nodes, "F2", "sec");
        Element(xml, "postgres_cpu_time", r.Cpu.Postgres, "F2", "sec");
        Element(xml, "harness_cpu_time", r.Cpu.Harness, "F2", "sec");
        xml.WriteEndElement();

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteWhitespace("\n");
    }

    private static void Element(XmlTextWriter xml, string name, double value, string format, string? unit = null)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        xml.WriteStartElement(name);
        if (unit is not null)
        {
            xml.WriteAttributeString("unit", unit);
        }

        xml.WriteString(value.ToString(format, CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static void Element(XmlTextWriter xml, string name, double value) =>
        xml.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    private static void Element(XmlTextWriter xml, string name, string value) => xml.WriteElementString(name, value);
}
