using System.Globalization;
using System.Net;

namespace StandardsCloud.NodeDaemon.Hosting;

/// <summary>
/// Reads <see cref="NodeOptions"/> from arguments, falling back to <c>STANDARDSCLOUD_NODE_*</c>
/// environment variables (the argument name in upper case, dashes as underscores).
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: StandardsCloud.NodeDaemon [options]
          --core <url>              the core's URL (default http://127.0.0.1:8080)
          --join-token <token>      token proving the node may join
          --join-token-file <path>  file holding the join token
          --name <name>             node name (default: the machine name)
          --uri <libvirt uri>       libvirt URI, or 'test' for a private test-driver host (default test)
          --data-dir <dir>          image cache, disks and consoles (default .data/nodes/<name>)
          --cpus <n>                CPUs of the 'test' host (default 8)
          --memory-mib <n>          memory of the 'test' host in MiB (default 16384)
          --kvm <true|false>        use KVM instead of TCG on QEMU (default false)
          --shutdown-grace-seconds <n>  time a guest gets to power off before it is destroyed
                                    (default 60 on QEMU, 0 on the test driver)
          --bridge <name>           host bridge for the guests' network interface (default: none)
          --metadata-listen <ip:port|off>  the instance metadata service's address
                                    (default 169.254.169.254:80 with --bridge, off without)
          --metadata-v2-only        the metadata service answers only requests with a session token
          --public-interface <name> interface the site routes public addresses to: the node holds its
                                    guests' public addresses there and translates them (default: off)
        Each option may also come from STANDARDSCLOUD_NODE_<NAME>, e.g. STANDARDSCLOUD_NODE_JOIN_TOKEN.
        """;

    private static readonly string[] Known =
    [
        "core", "join-token", "join-token-file", "name", "uri", "data-dir", "cpus", "memory-mib", "kvm",
        "shutdown-grace-seconds", "bridge", "metadata-listen", "metadata-v2-only", "public-interface",
    ];

    /// <summary>Options that mean "true" when given without a value.</summary>
    private static readonly string[] Flags = ["metadata-v2-only"];

    /// <summary>The options, or a message naming the bad argument and what it allows.</summary>
    public static Outcome<NodeOptions> Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return Outcome<NodeOptions>.Fail(Usage);
            }

            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null;
            string? value = null;
            if (name is not null && name.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (name is null || !Known.Contains(name))
            {
                return Outcome<NodeOptions>.Fail($"unknown argument '{arg}'; allowed: {string.Join(", ", Known.Select(k => "--" + k))}");
            }

            if (value is null && Flags.Contains(name))
            {
                value = "true";
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    return Outcome<NodeOptions>.Fail($"--{name} needs a value");
                }

                value = args[++i];
            }

            given[name] = value;
        }

        string? Get(string name) =>
            given.TryGetValue(name, out var v)
                ? v
                : environment("STANDARDSCLOUD_NODE_" + name.ToUpperInvariant().Replace('-', '_'));

        return Build(Get);
    }

    private static Outcome<NodeOptions> Build(Func<string, string?> get)
    {
        var coreText = get("core");
        var core = NodeOptions.DefaultCore;
        if (coreText is not null
            && (!Uri.TryCreate(coreText, UriKind.Absolute, out core!) || (core.Scheme != "http" && core.Scheme != "https")))
        {
            return Outcome<NodeOptions>.Fail($"--core '{coreText}' is not an http:// or https:// URL");
        }

        var token = get("join-token");
        if (token is null && get("join-token-file") is { } tokenFile)
        {
            if (!File.Exists(tokenFile))
            {
                return Outcome<NodeOptions>.Fail($"--join-token-file '{tokenFile}' does not exist");
            }

            token = File.ReadAllText(tokenFile).Trim();
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return Outcome<NodeOptions>.Fail("--join-token or --join-token-file is required (a non-empty token)");
        }

        var name = get("name") ?? Environment.MachineName;
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return Outcome<NodeOptions>.Fail($"--name '{name}' must be non-empty letters, digits, '-', '_' or '.'");
        }

        var uri = get("uri") ?? NodeOptions.TestUri;
        if (uri != NodeOptions.TestUri && !uri.Contains("://", StringComparison.Ordinal))
        {
            return Outcome<NodeOptions>.Fail($"--uri '{uri}' must be 'test' or a libvirt URI such as qemu:///system");
        }

        if (!TryPositive(get, "cpus", 8, out var cpus, out var error)
            || !TryPositive(get, "memory-mib", 16384, out var memory, out error))
        {
            return Outcome<NodeOptions>.Fail(error);
        }

        var kvmText = get("kvm");
        var kvm = false;
        if (kvmText is not null && !bool.TryParse(kvmText, out kvm))
        {
            return Outcome<NodeOptions>.Fail($"--kvm '{kvmText}' must be true or false");
        }

        TimeSpan? grace = null;
        if (get("shutdown-grace-seconds") is { } graceText)
        {
            if (!int.TryParse(graceText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return Outcome<NodeOptions>.Fail($"--shutdown-grace-seconds '{graceText}' must be a whole number of seconds, 0 or more");
            }

            grace = TimeSpan.FromSeconds(seconds);
        }

        var network = BuildNetwork(get);
        if (!network.IsOk)
        {
            return Outcome<NodeOptions>.Fail(network.Error);
        }

        var dataDir = Path.GetFullPath(get("data-dir") ?? NodeOptions.DefaultDataDir(name));
        var (bridge, metadataListen, v2Only) = network.Value;
        var publicInterface = get("public-interface");
        // Its addresses carry the label "<interface>:sc", and a label is at most 15 bytes.
        if (publicInterface is not null
            && (publicInterface.Length is 0 or > 12 || publicInterface.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            return Outcome<NodeOptions>.Fail($"--public-interface '{publicInterface}' must be 1 to 12 letters, digits, '-', '_' or '.'");
        }

        return new NodeOptions(core, token, name, uri, dataDir, (int)cpus, memory, kvm, grace, bridge, metadataListen, v2Only, publicInterface);
    }

    /// <summary>The bridge, the metadata service's address (on by default with a bridge) and its token rule.</summary>
    private static Outcome<(string? Bridge, IPEndPoint? MetadataListen, bool V2Only)> BuildNetwork(Func<string, string?> get)
    {
        var bridge = get("bridge");
        // Linux interface names are at most 15 bytes (IFNAMSIZ less the terminating zero).
        if (bridge is not null
            && (bridge.Length is 0 or > 15 || bridge.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            return Outcome<(string?, IPEndPoint?, bool)>.Fail(
                $"--bridge '{bridge}' must be 1 to 15 letters, digits, '-', '_' or '.'");
        }

        var listen = bridge is null ? null : NodeOptions.DefaultMetadataListen;
        if (get("metadata-listen") is { } listenText)
        {
            if (listenText == "off")
            {
                listen = null;
            }
            else if (!IPEndPoint.TryParse(listenText, out listen) || listen.Port == 0)
            {
                return Outcome<(string?, IPEndPoint?, bool)>.Fail(
                    $"--metadata-listen '{listenText}' must be an address and port such as 169.254.169.254:80, or off");
            }
        }

        var v2Text = get("metadata-v2-only");
        var v2Only = false;
        if (v2Text is not null && !bool.TryParse(v2Text, out v2Only))
        {
            return Outcome<(string?, IPEndPoint?, bool)>.Fail($"--metadata-v2-only '{v2Text}' must be true or false");
        }

        return (bridge, listen, v2Only);
    }

    private static bool TryPositive(Func<string, string?> get, string name, long fallback, out long value, out string error)
    {
        error = string.Empty;
        var text = get(name);
        if (text is null)
        {
            value = fallback;
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0 && value <= int.MaxValue)
        {
            return true;
        }

        error = $"--{name} '{text}' must be a whole number from 1 to {int.MaxValue}";
        return false;
    }
}
