using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;

namespace StandardsCloud.Ec2Describe;

/// <summary>What one run does; the defaults are the scenario (10,000 instances here, 1,000 in moto).</summary>
public sealed record DescribeOptions
{
    public const string Usage = """
        Usage: StandardsCloud.Ec2Describe [options]
          --instances <n>            instances launched in StandardsCloud (default 10000)
          --moto-instances <n>       instances launched in moto_server (default 1000; 0 leaves moto out)
          --threads <n>              boto3 client threads for RunInstances and the throughput phases (default 4)
          --batch <n>                MaxCount of the RunInstances batch calls (default 100)
          --repeats <n>              calls of each filtered DescribeInstances (default 500)
          --page-repeats <n>         calls for the first 1,000-item page (default 50)
          --latency-seconds <n>      a latency phase stops after this many seconds per kind of call,
                                     repeats done or not (default 40)
          --throughput-seconds <n>   length of each throughput phase (default 15)
          --parse                    have botocore parse the answers in the throughput phases too
                                     (by default they are read in full and counted, not parsed)
          --nodes <n>                node daemons on the libvirt test driver (default 4)
          --node-cpus <n>            CPUs each test host offers (default: enough for every instance)
          --node-memory-mib <n>      memory each test host offers (default: 2048 MiB per CPU)
          --node-nice <n>            scheduling niceness of the node daemons, 0 to 19 (default 10)
          --timeout-seconds <n>      give up waiting for Running after this long (default 300)
          --region <name>            the site's ec2.region (default RegionOne)
          --pg-port <n>              port of the benchmark's own PostgreSQL (default 55435)
          --api-port <n>             first of four server ports, EC2 on the second (default 18100)
          --moto-port <n>            port of moto_server (default 18110)
          --python <path>            Python with boto3 (default python3)
          --moto-server <path>       moto's server (default moto_server)
          --no-fsync                 run PostgreSQL with fsync off (throw-away cluster anyway)
          --root <dir>               repository root (default: found from the working directory)
          --out <file>               results XML (default benchmarks/results/ec2-describe.xml)
        """;

    public int Instances { get; init; } = 10_000;
    public int MotoInstances { get; init; } = 1000;
    public int Threads { get; init; } = 4;
    public int Batch { get; init; } = 100;
    public int Repeats { get; init; } = 500;
    public int PageRepeats { get; init; } = 50;
    public int LatencySeconds { get; init; } = 40;
    public int ThroughputSeconds { get; init; } = 15;
    public bool ParseAnswers { get; init; }
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(300);
    public int MotoPort { get; init; } = 18110;
    public string Python { get; init; } = "python3";
    public string MotoServer { get; init; } = "moto_server";
    public required SiteOptions Site { get; init; }
    public required string Root { get; init; }
    public required string Output { get; init; }

    /// <summary>The Python driver that makes every boto3 call.</summary>
    public string Driver => Path.Combine(Root, "benchmarks", "Ec2Describe", "ec2_workload.py");

    /// <summary>The options, or null with the message for the user (the usage text when help was asked).</summary>
    public static (DescribeOptions? Options, string? Message, bool Help) Parse(IReadOnlyList<string> args)
    {
        var given = OptionReader.Read(args, ["no-fsync", "parse"]);
        if (given.HelpAsked)
        {
            return (null, Usage, true);
        }

        var root = given.Root();
        var instances = given.Number("instances", 10_000, 1, 100_000);
        var options = new DescribeOptions
        {
            Instances = instances,
            MotoInstances = given.Number("moto-instances", 1000, 0, 100_000),
            Threads = given.Number("threads", 4, 1, 64),
            Batch = given.Number("batch", 100, 1, 1000),
            Repeats = given.Number("repeats", 500, 1, 100_000),
            PageRepeats = given.Number("page-repeats", 50, 1, 100_000),
            LatencySeconds = given.Number("latency-seconds", 40, 1, 3600),
            ThroughputSeconds = given.Number("throughput-seconds", 15, 1, 3600),
            ParseAnswers = given.Flag("parse"),
            Deadline = TimeSpan.FromSeconds(given.Number("timeout-seconds", 300, 1, 3600)),
            MotoPort = given.Number("moto-port", 18110, 1024, 65535),
            Python = given.Text("python", "python3"),
            MotoServer = given.Text("moto-server", "moto_server"),
            // Every instance is 1 CPU (t1.micro, or m1.small for the 1% subset).
            Site = given.SiteFor(instances, 55435, 18100) with { Ec2Region = given.Text("region", "RegionOne") },
            Root = root,
            Output = given.Output(root, "ec2-describe.xml"),
        };

        return given.Problems(Usage) is { } problems ? (null, problems, false) : (options, null, false);
    }
}
