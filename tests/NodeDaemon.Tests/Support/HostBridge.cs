using System.Diagnostics;
using System.Globalization;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>
/// A Linux bridge made for one test, holding the metadata address 169.254.169.254/32 and the
/// gateway (.1) of a private /24 chosen at random; removed on dispose. Needs root.
/// </summary>
public sealed class HostBridge : IDisposable
{
    private HostBridge(string name, int subnet)
    {
        Name = name;
        Subnet = subnet;
    }

    public string Name { get; }

    /// <summary>Third octet of the test's network 10.231.N.0/24.</summary>
    public int Subnet { get; }

    public string Gateway => Address(1);

    public string Address(int host) => string.Create(CultureInfo.InvariantCulture, $"10.231.{Subnet}.{host}");

    public static HostBridge Create()
    {
        // Interface names are at most 15 characters.
        var name = "scimds" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
        var bridge = new HostBridge(name, Random.Shared.Next(1, 255));
        try
        {
            Ip($"link add name {name} type bridge");
            Ip($"addr add 169.254.169.254/32 dev {name}");
            Ip($"addr add {bridge.Gateway}/24 dev {name}");
            Ip($"link set {name} up");
            return bridge;
        }
        catch
        {
            bridge.Dispose();
            throw;
        }
    }

    public void Dispose() => Run("ip", $"link delete {Name}", out _);

    private static void Ip(string arguments)
    {
        var code = Run("ip", arguments, out var output);
        Assert.True(code == 0, $"ip {arguments}: {output}");
    }

    private static int Run(string file, string arguments, out string output)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
