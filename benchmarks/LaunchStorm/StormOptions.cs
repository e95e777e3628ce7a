using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;

namespace StandardsCloud.LaunchStorm;

/// <summary>What one launch storm does; every field has a default that reproduces the scenario.</summary>
public sealed record StormOptions
{
    public const string Usage = """
        Usage: StandardsCloud.LaunchStorm [options]
          --instances <n>          launch requests of one instance each (default 1000)
          --nodes <n>              node daemons on the libvirt test driver (default 10)
          --concurrency <n>        launch requests in flight at once (default 64)
          --node-cpus <n>          CPUs each test host offers (default 128)
          --node-memory-mib <n>    memory each test host offers (default 131072)
          --instance-type <name>   type of every instance (default t1.micro)
          --node-nice <n>          scheduling niceness of the node daemons, 0 to 19 (default 10: they
                                   stand in for remote hosts, so they yield this machine's CPUs to the
                                   server, PostgreSQL and the client; 0 runs them as equals)
          --timeout-seconds <n>    give up waiting for Running after this long (default 300)
          --pg-port <n>            port of the benchmark's own PostgreSQL (default 55434)
          --api-port <n>           first of four server ports (default 18090)
          --no-fsync               run PostgreSQL with fsync off (throw-away cluster anyway)
          --root <dir>             repository root (default: found from the working directory)
          --out <file>             results XML (default benchmarks/results/launch-storm.xml)
        """;

    public int Instances { get; init; } = 1000;
    public int Concurrency { get; init; } = 64;
    public string InstanceType { get; init; } = "t1.micro";
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(300);
    public required SiteOptions Site { get; init; }
    public required string Root { get; init; }
    public required string Output { get; init; }

    /// <summary>The options, or null with the message for the user (the usage text when help was asked).</summary>
    public static (StormOptions? Options, string? Message, bool Help) Parse(IReadOnlyList<string> args)
    {
        var given = OptionReader.Read(args, ["no-fsync"]);
        if (given.HelpAsked)
        {
            return (null, Usage, true);
        }

        var root = given.Root();
        var options = new StormOptions
        {
            Instances = given.Number("instances", 1000, 1, 10_000),
            Concurrency = given.Number("concurrency", 64, 1, 1024),
            Deadline = TimeSpan.FromSeconds(given.Number("timeout-seconds", 300, 1, 3600)),
            InstanceType = given.Text("instance-type", "t1.micro"),
            Site = new SiteOptions
            {
                Nodes = given.Number("nodes", 10, 1, 100),
                NodeCpus = given.Number("node-cpus", 128, 1, 100_000),
                NodeMemoryMiB = given.Number("node-memory-mib", 131072L, 1, int.MaxValue),
                NodeNice = given.Number("node-nice", 10, 0, 19),
                PostgresPort = given.Number("pg-port", 55434, 1024, 65535),
                ApiPort = given.Number("api-port", 18090, 1024, 65532),
                NoFsync = given.Flag("no-fsync"),
            },
            Root = root,
            Output = given.Output(root, "launch-storm.xml"),
        };

        return given.Problems(Usage) is { } problems ? (null, problems, false) : (options, null, false);
    }
}
