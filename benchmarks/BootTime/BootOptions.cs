using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;

namespace StandardsCloud.BootTime;

/// <summary>What one boot-time run does; the defaults reproduce the documented scenario.</summary>
public sealed record BootOptions
{
    public const string Usage = """
        Usage: StandardsCloud.BootTime [options]
          --runs <n>               rounds; each boots bare QEMU, libvirt alone (directly and through firmware), an
                                   instance booting its kernel directly, the same with a volume, and instances of
                                   the Marketplace image (firmware) cached and not cached (default 5)
          --image <file>           the tiny guest's disk image; its .vmlinuz and .initrd.gz must lie beside it
                                   (default .data/images/tiny-guest.img, which the script builds)
          --instance-type <name>   type of every instance (default t1.micro); bare QEMU gets the same CPUs and memory
          --volume-gib <n>         size of the volume made and attached at launch (default 1)
          --timeout-seconds <n>    give up on one boot after this long (default 120)
          --vectors <dir>          the shared Marketplace vectors; their endorser signs the image's metadata
                                   (default ../shared/vectors/marketplace beside the clone)
          --node-prefix <name>     the node daemon's name is this followed by 1, and the libvirt-alone domain's
                                   this followed by "reference"; runs sharing a libvirtd need their own (default bench-node-)
          --pg-port <n>            port of the benchmark's own PostgreSQL (default 55436)
          --api-port <n>           first of four server ports; the next one up serves the image (default 18110)
          --no-fsync               run PostgreSQL with fsync off (throw-away cluster anyway)
          --root <dir>             repository root (default: found from the working directory)
          --out <file>             results XML (default benchmarks/results/boot-time.xml)
        """;

    public int Runs { get; init; } = 5;
    public required string Image { get; init; }
    public string InstanceType { get; init; } = "t1.micro";
    public int VolumeGiB { get; init; } = 1;
    public TimeSpan BootLimit { get; init; } = TimeSpan.FromSeconds(120);
    public required string Vectors { get; init; }
    public required SiteOptions Site { get; init; }

    /// <summary>Where the harness serves the image over HTTP: the port after the server's four.</summary>
    public int ImagePort => Site.ApiPort + 4;
    public required string Root { get; init; }
    public required string Output { get; init; }

    /// <summary>The kernel command line of every direct boot: bare QEMU's, libvirt's and the instances'.</summary>
    public const string CommandLine = "console=ttyS0";

    public string Kernel => Path.ChangeExtension(Image, ".vmlinuz");

    public string Initrd => Path.ChangeExtension(Image, ".initrd.gz");

    /// <summary>The options, or null with the message for the user (the usage text when help was asked).</summary>
    public static (BootOptions? Options, string? Message, bool Help) Parse(IReadOnlyList<string> args)
    {
        var given = OptionReader.Read(args, ["no-fsync"]);
        if (given.HelpAsked)
        {
            return (null, Usage, true);
        }

        var root = given.Root();
        var options = new BootOptions
        {
            Runs = given.Number("runs", 5, 1, 100),
            Image = Path.GetFullPath(given.Text("image", Path.Combine(root, ".data", "images", "tiny-guest.img"))),
            InstanceType = given.Text("instance-type", "t1.micro"),
            VolumeGiB = given.Number("volume-gib", 1, 1, 1024),
            BootLimit = TimeSpan.FromSeconds(given.Number("timeout-seconds", 120, 10, 3600)),
            Vectors = Path.GetFullPath(given.Text("vectors", Path.Combine(root, "..", "shared", "vectors", "marketplace"))),
            Site = new SiteOptions
            {
                Nodes = 1,
                NodeUri = "qemu:///system",
                NodeNice = 0,
                PostgresPort = given.Number("pg-port", 55436, 1024, 65535),
                ApiPort = given.Number("api-port", 18110, 1024, 65531),
                NodeNamePrefix = given.Text("node-prefix", "bench-node-"),
                NoFsync = given.Flag("no-fsync"),
            },
            Root = root,
            Output = given.Output(root, "boot-time.xml"),
        };

        return given.Problems(Usage) is { } problems ? (null, problems, false) : (options, null, false);
    }
}
