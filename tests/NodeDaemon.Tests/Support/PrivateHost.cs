using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Libvirt;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>A private libvirt test-driver host: its own node file, its own connection, nothing shared.</summary>
public sealed class PrivateHost : IDisposable
{
    private readonly TempDir _dir = new();

    public PrivateHost(int cpus = 8, long memoryMiB = 16384)
    {
        Uri = TestHostFile.Write(_dir.File("host.xml"), cpus, memoryMiB);
        var opened = VirtConnection.Open(Uri);
        Assert.True(opened.IsOk, opened.Error);
        Connection = opened.Value;
    }

    public string Uri { get; }

    public VirtConnection Connection { get; }

    public string DataDir => _dir.Path;

    public void Dispose()
    {
        Connection.Dispose();
        _dir.Dispose();
    }
}
