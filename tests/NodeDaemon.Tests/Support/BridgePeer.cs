using System.Diagnostics;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>
/// A network namespace made for one test whose only interface is one end of a veth pair, the other
/// end a port of a bridge: a machine on the same network as the bridge's guests. Removed on dispose. Needs root.
/// </summary>
public sealed class BridgePeer : IDisposable
{
    private readonly string _namespace;
    private readonly string _hostEnd;

    private BridgePeer(string suffix)
    {
        _namespace = "scpeer" + suffix;
        _hostEnd = "scpv" + suffix;
    }

    public static BridgePeer Create(string bridge, string addressWithPrefix)
    {
        var peer = new BridgePeer(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]));
        try
        {
            Run("ip", "netns", "add", peer._namespace);
            Run("ip", "link", "add", peer._hostEnd, "type", "veth", "peer", "name", "eth0", "netns", peer._namespace);
            Run("ip", "link", "set", peer._hostEnd, "master", bridge);
            Run("ip", "link", "set", peer._hostEnd, "up");
            Run("ip", "-n", peer._namespace, "addr", "add", addressWithPrefix, "dev", "eth0");
            Run("ip", "-n", peer._namespace, "link", "set", "eth0", "up");
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <summary>"answered" when one of two echo requests got a reply within 3 s, else "unanswered" (busybox's ping, from busybox-static).</summary>
    public async Task<string> PingAsync(string address)
    {
        var (exitCode, _, _) = await Tool.RunAsync("ip", "netns", "exec", _namespace, "busybox", "ping", "-q", "-c", "2", "-w", "3", address);
        return exitCode == 0 ? "answered" : "unanswered";
    }

    public void Dispose()
    {
        Run("ip", ["link", "delete", _hostEnd], check: false);
        Run("ip", ["netns", "delete", _namespace], check: false);
    }

    private static void Run(string file, params string[] arguments) => Run(file, arguments, check: true);

    private static void Run(string file, string[] arguments, bool check)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(!check || process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {output}");
    }
}
