using System.Net;

namespace StandardsCloud.NodeDaemon.Hosting;

/// <summary>
/// Everything the daemon is told at start. <see cref="LibvirtUri"/> "test" asks for a private test
/// driver host described by <c>&lt;data-dir&gt;/host.xml</c> with <see cref="Cpus"/> and <see cref="MemoryMiB"/>.
/// <see cref="Bridge"/> is the host bridge QEMU guests get their network interface on (none when null);
/// <see cref="MetadataListen"/> is where the instance metadata service listens (off when null), and
/// <see cref="MetadataV2Only"/> makes it refuse requests that carry no session token.
/// <see cref="PublicInterface"/> is where the site routes its public addresses: the node holds its
/// guests' addresses there and translates them to the guests' private ones (off when null).
/// </summary>
public sealed record NodeOptions(
    Uri Core,
    string JoinToken,
    string Name,
    string LibvirtUri,
    string DataDir,
    int Cpus = 8,
    long MemoryMiB = 16384,
    bool Kvm = false,
    TimeSpan? ShutdownGrace = null,
    string? Bridge = null,
    IPEndPoint? MetadataListen = null,
    bool MetadataV2Only = false,
    string? PublicInterface = null)
{
    public const string TestUri = "test";

    /// <summary>Where guests expect the metadata service: the link-local address EC2 uses, port 80.</summary>
    public static IPEndPoint DefaultMetadataListen { get; } = new(IPAddress.Parse("169.254.169.254"), 80);

    public static Uri DefaultCore { get; } = new("http://127.0.0.1:8080");

    public static string DefaultDataDir(string name) => Path.Combine(".data", "nodes", name);
}
