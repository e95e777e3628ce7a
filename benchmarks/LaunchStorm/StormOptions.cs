using System.Globalization;

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
    public int Nodes { get; init; } = 10;
    public int Concurrency { get; init; } = 64;
    public int NodeCpus { get; init; } = 128;
    public long NodeMemoryMiB { get; init; } = 131072;
    public string InstanceType { get; init; } = "t1.micro";
    public int NodeNice { get; init; } = 10;
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(300);
    public int PostgresPort { get; init; } = 55434;
    public int ApiPort { get; init; } = 18090;
    public bool NoFsync { get; init; }
    public required string Root { get; init; }
    public required string Output { get; init; }

    /// <summary>The options, or a message naming the bad argument.</summary>
    public static (StormOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var noFsync = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return (null, Usage);
            }

            if (name == "--no-fsync")
            {
                noFsync = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                return (null, $"'{name}' is not an option with a value\n{Usage}");
            }

            given[name[2..]] = args[++i];
        }

        var errors = new List<string>();
        int Number(string name, int fallback, int min, int max)
        {
            if (!given.Remove(name, out var text))
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors.Add($"--{name} '{text}' must be a whole number from {min} to {max}");
            return fallback;
        }

        var root = given.Remove("root", out var r) ? Path.GetFullPath(r) : FindRoot(Directory.GetCurrentDirectory());
        var options = new StormOptions
        {
            Instances = Number("instances", 1000, 1, 10_000),
            Nodes = Number("nodes", 10, 1, 100),
            Concurrency = Number("concurrency", 64, 1, 1024),
            NodeCpus = Number("node-cpus", 128, 1, 100_000),
            NodeMemoryMiB = Number("node-memory-mib", 131072, 1, int.MaxValue),
            NodeNice = Number("node-nice", 10, 0, 19),
            Deadline = TimeSpan.FromSeconds(Number("timeout-seconds", 300, 1, 3600)),
            PostgresPort = Number("pg-port", 55434, 1024, 65535),
            ApiPort = Number("api-port", 18090, 1024, 65532),
            InstanceType = given.Remove("instance-type", out var type) ? type : "t1.micro",
            NoFsync = noFsync,
            Root = root ?? "",
            Output = given.Remove("out", out var output)
                ? Path.GetFullPath(output)
                : Path.Combine(root ?? "", "benchmarks", "results", "launch-storm.xml"),
        };

        errors.AddRange(given.Keys.Select(k => $"--{k} is not an option"));
        if (root is null)
        {
            errors.Add("the repository root (holding StandardsCloud.sln) was not found; pass --root");
        }

        return errors.Count == 0 ? (options, null) : (null, string.Join('\n', errors) + "\n" + Usage);
    }

    private static string? FindRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StandardsCloud.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
