using Microsoft.Extensions.Logging.Abstractions;
using StandardsCloud.NodeDaemon.Core;
using StandardsCloud.NodeDaemon.Hosting;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>A node daemon on a private test-driver host, running in the test process.</summary>
public sealed class RunningNode : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private readonly CancellationTokenSource _stop = new();

    private RunningNode(Uri core, string joinToken, string libvirtUri, Func<NodeOptions, NodeOptions>? configure)
    {
        // QEMU runs as its own user: it must be able to reach the node's disks, context disks and consoles.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);
        }

        var options = new NodeOptions(core, joinToken, "node-t", libvirtUri, _dir.Path, Cpus: 4, MemoryMiB: 8192);
        options = configure?.Invoke(options) ?? options;
        var opened = Node.Open(options, NullLoggerFactory.Instance, TimeProvider.System);
        Assert.True(opened.IsOk, opened.Error);
        Node = opened.Value;
        Run = Node.RunAsync(_stop.Token);
    }

    public Node Node { get; }

    public Task<SessionEnd> Run { get; }

    public string DataDir => _dir.Path;

    /// <summary>A node on a private test-driver host, or on <paramref name="libvirtUri"/> when one is given; <paramref name="configure"/> adjusts its options.</summary>
    public static RunningNode Start(Uri core, string joinToken = FakeCore.JoinToken, string libvirtUri = NodeOptions.TestUri,
        Func<NodeOptions, NodeOptions>? configure = null) =>
        new(core, joinToken, libvirtUri, configure);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run;
        Node.Dispose();
        _stop.Dispose();
        _dir.Dispose();
    }
}
