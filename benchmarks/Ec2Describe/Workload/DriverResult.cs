using System.Text.Json.Serialization;

namespace StandardsCloud.Ec2Describe.Workload;

// What ec2_workload.py writes for one phase (see that file); figures it could not take are null.

/// <summary>Nearest-rank percentiles of a series of milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles None { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN);
}

/// <summary>The calls of one kind within a phase.</summary>
public sealed record Series(
    string Name,
    int Threads,
    int Calls,
    long Instances,
    int Errors,
    int WrongAnswers,
    string? FirstError,
    double Seconds,
    double? CallsPerSec,
    double? InstancesPerSec,
    double? AnswerBytes,
    double ClientCpuSec,
    Percentiles? LatencyMs,
    Percentiles? WireMs)
{
    /// <summary>The whole boto3 call, as an application sees it.</summary>
    public Percentiles Call => LatencyMs ?? Percentiles.None;

    /// <summary>From the signed request leaving botocore to the whole answer read: the server's part.</summary>
    public Percentiles Wire => WireMs ?? Percentiles.None;

    public double CallRate => CallsPerSec ?? double.NaN;

    public double InstanceRate => InstancesPerSec ?? double.NaN;
}

/// <summary>One phase as the driver saw it.</summary>
public sealed record DriverResult(string Phase, IReadOnlyList<Series> Series, double ClientCpuSec, string? ImageId, int? Instances, int? Subset)
{
    public Series Named(string name) => Series.FirstOrDefault(s => s.Name == name)
        ?? throw new LoadHarness.BenchAbortedException($"the {Phase} phase reported no '{name}' series");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DriverResult))]
internal sealed partial class WorkloadJson : JsonSerializerContext;
