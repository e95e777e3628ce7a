namespace StandardsCloud.NodeDaemon.Hosting;

/// <summary>
/// Everything the daemon is told at start. <see cref="LibvirtUri"/> "test" asks for a private test
/// driver host described by <c>&lt;data-dir&gt;/host.xml</c> with <see cref="Cpus"/> and <see cref="MemoryMiB"/>.
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
    TimeSpan? ShutdownGrace = null)
{
    public const string TestUri = "test";

    public static Uri DefaultCore { get; } = new("http://127.0.0.1:8080");

    public static string DefaultDataDir(string name) => Path.Combine(".data", "nodes", name);
}
