using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;

namespace StandardsCloud.OcciCollection;

/// <summary>What one run does; the defaults are the scenario (GET /compute/ over 10,000 instances).</summary>
public sealed record CollectionOptions
{
    public const string Usage = """
        Usage: StandardsCloud.OcciCollection [options]
          --instances <n>            instances loaded before measuring (default 10000)
          --clients <n>              concurrent clients, one request in flight each (default 4)
          --seconds <n>              measured seconds per rendering and for the ceiling, all rounds
                                     together (default 30)
          --rounds <n>               the measured time is cut into this many rounds, each going through
                                     every rendering and the ceiling in turn, so that other work on
                                     the machine weighs on all of them alike (default 3)
          --warmup-seconds <n>       unmeasured requests before the first round, per rendering (default 3)
          --batch <n>                instances per launch call while loading (default 100)
          --nodes <n>                node daemons on the libvirt test driver (default 4)
          --node-cpus <n>            CPUs each test host offers (default: enough for every instance)
          --node-memory-mib <n>      memory each test host offers (default: 2048 MiB per CPU)
          --node-nice <n>            scheduling niceness of the node daemons, 0 to 19 (default 10)
          --timeout-seconds <n>      give up waiting for Running after this long (default 300)
          --pg-port <n>              port of the benchmark's own PostgreSQL (default 55436)
          --api-port <n>             first of four server ports, OCCI on the third (default 18120)
          --ceiling-port <n>         port of the ceiling's Kestrel (default 18125)
          --no-fsync                 run PostgreSQL with fsync off (throw-away cluster anyway)
          --root <dir>               repository root (default: found from the working directory)
          --out <file>               results XML (default benchmarks/results/occi-collection.xml)
        """;

    public int Instances { get; init; } = 10_000;
    public int Clients { get; init; } = 4;
    public int Seconds { get; init; } = 30;
    public int Rounds { get; init; } = 3;
    public int WarmupSeconds { get; init; } = 3;
    public int Batch { get; init; } = 100;
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(300);
    public int CeilingPort { get; init; } = 18125;
    public required SiteOptions Site { get; init; }
    public required string Root { get; init; }
    public required string Output { get; init; }

    /// <summary>The options, or null with the message for the user (the usage text when help was asked).</summary>
    public static (CollectionOptions? Options, string? Message, bool Help) Parse(IReadOnlyList<string> args)
    {
        var given = OptionReader.Read(args, ["no-fsync"]);
        if (given.HelpAsked)
        {
            return (null, Usage, true);
        }

        var root = given.Root();
        var instances = given.Number("instances", 10_000, 1, 100_000);
        var options = new CollectionOptions
        {
            Instances = instances,
            Clients = given.Number("clients", 4, 1, 256),
            Seconds = given.Number("seconds", 30, 1, 3600),
            Rounds = given.Number("rounds", 3, 1, 100),
            WarmupSeconds = given.Number("warmup-seconds", 3, 0, 600),
            Batch = given.Number("batch", 100, 1, 1000),
            Deadline = TimeSpan.FromSeconds(given.Number("timeout-seconds", 300, 1, 3600)),
            CeilingPort = given.Number("ceiling-port", 18125, 1024, 65535),
            // Every instance is a t1.micro (1 CPU).
            Site = given.SiteFor(instances, 55436, 18120),
            Root = root,
            Output = given.Output(root, "occi-collection.xml"),
        };

        return given.Problems(Usage) is { } problems ? (null, problems, false) : (options, null, false);
    }
}
