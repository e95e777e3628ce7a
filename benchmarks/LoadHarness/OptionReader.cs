using System.Globalization;

namespace StandardsCloud.LoadHarness;

/// <summary>
/// The command line of a harness: <c>--name value</c> pairs and bare flags. Each option is taken
/// once by the harness's own parser; whatever is left over, or malformed, becomes one message.
/// </summary>
public sealed class OptionReader
{
    private readonly Dictionary<string, string> _given;
    private readonly HashSet<string> _flags;
    private readonly List<string> _errors = [];

    private OptionReader(Dictionary<string, string> given, HashSet<string> flags)
    {
        _given = given;
        _flags = flags;
    }

    /// <summary>True when the command line asked for the usage text.</summary>
    public bool HelpAsked { get; private init; }

    /// <summary>Splits the arguments; <paramref name="flagNames"/> are the options that take no value.</summary>
    public static OptionReader Read(IReadOnlyList<string> args, IReadOnlyCollection<string> flagNames)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                help = true;
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && flagNames.Contains(name[2..]))
            {
                flags.Add(name[2..]);
            }
            else if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                errors.Add($"'{name}' is not an option with a value");
            }
            else
            {
                given[name[2..]] = args[++i];
            }
        }

        var reader = new OptionReader(given, flags) { HelpAsked = help };
        reader._errors.AddRange(errors);
        return reader;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public int Number(string name, int fallback, int min, int max) => (int)Number(name, (long)fallback, min, max);

    public long Number(string name, long fallback, long min, long max)
    {
        if (!_given.Remove(name, out var text))
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _errors.Add($"--{name} '{text}' must be a whole number from {min} to {max}");
        return fallback;
    }

    public string Text(string name, string fallback) => _given.Remove(name, out var text) ? text : fallback;

    /// <summary>The repository root (holding StandardsCloud.sln): <c>--root</c>, or found from the working directory.</summary>
    public string Root()
    {
        var root = _given.Remove("root", out var given) ? Path.GetFullPath(given) : FindRoot(Directory.GetCurrentDirectory());
        if (root is null)
        {
            _errors.Add("the repository root (holding StandardsCloud.sln) was not found; pass --root");
        }

        return root ?? "";
    }

    /// <summary>The results file: <c>--out</c>, or <paramref name="fileName"/> in benchmarks/results.</summary>
    public string Output(string root, string fileName) =>
        _given.Remove("out", out var output) ? Path.GetFullPath(output) : Path.Combine(root, "benchmarks", "results", fileName);

    /// <summary>
    /// The site for <paramref name="instances"/> one-CPU instances: <c>--nodes</c> test-driver hosts
    /// (default 4) with CPUs for them all and a little to spare, 2 GiB per CPU, at <c>--node-nice</c>,
    /// on <c>--pg-port</c> and <c>--api-port</c>, with <c>--no-fsync</c>.
    /// </summary>
    public Cloud.SiteOptions SiteFor(int instances, int postgresPort, int apiPort)
    {
        var nodes = Number("nodes", 4, 1, 100);
        var cpus = Number("node-cpus", (instances * 105 / 100 / nodes) + 16, 1, 1_000_000);
        return new Cloud.SiteOptions
        {
            Nodes = nodes,
            NodeCpus = cpus,
            NodeMemoryMiB = Number("node-memory-mib", cpus * 2048L, 1, int.MaxValue),
            NodeNice = Number("node-nice", 10, 0, 19),
            PostgresPort = Number("pg-port", postgresPort, 1024, 65535),
            ApiPort = Number("api-port", apiPort, 1024, 65532),
            NoFsync = Flag("no-fsync"),
        };
    }

    /// <summary>Null when every argument was understood; otherwise the problems, then the usage text.</summary>
    public string? Problems(string usage)
    {
        _errors.AddRange(_given.Keys.Select(k => $"--{k} is not an option"));
        return _errors.Count == 0 ? null : string.Join('\n', _errors) + "\n" + usage;
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
