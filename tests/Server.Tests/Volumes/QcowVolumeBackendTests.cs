using System.Diagnostics;
using System.Text;
using System.Text.Json;
using StandardsCloud.Compute;
using StandardsCloud.NodeProtocol;
using StandardsCloud.Server.Volumes;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Volumes;

/// <summary>The qcow2 backend against the real qemu-img: sizes, formats, backing files and data kept across snapshots and copies.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class QcowVolumeBackendTests : IDisposable
{
    private const long GiB = 1L << 30;
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("persistent-disk-marker");
    private readonly TemporaryDirectory _directory = new("volumes");
    private readonly QcowVolumeBackend _backend;

    public QcowVolumeBackendTests() => _backend = new QcowVolumeBackend(Path.Combine(_directory.Path, "volumes"));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Create_AQcow2FileOfTheSize_InADirectoryQemuReaches_AndAgainChangesNothing()
    {
        var id = ResourceIds.NewVolumeId();
        var made = await _backend.CreateAsync(id, 3, default);

        Assert.True(made.IsOk, made.Reason);
        Assert.Equal(new DiskSource(DiskSourceKind.File, _backend.PathOf(id)), made.Value);
        var info = Info(_backend.PathOf(id));
        Assert.Equal(("qcow2", 3 * GiB), (info.GetProperty("format").GetString(), info.GetProperty("virtual-size").GetInt64()));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(_directory.Path, "volumes")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(_backend.PathOf(id)));

        var written = File.GetLastWriteTimeUtc(_backend.PathOf(id));
        Assert.True((await _backend.CreateAsync(id, 3, default)).IsOk);
        Assert.Equal(written, File.GetLastWriteTimeUtc(_backend.PathOf(id)));
    }

    [Fact]
    public async Task SnapshotThenVolumeFromIt_KeepsTheData_AndGrowsToTheSizeAsked()
    {
        var volume = ResourceIds.NewVolumeId();
        WriteWithMarker(_backend.PathOf(volume), Marker);
        var snapshot = ResourceIds.NewSnapshotId();

        Assert.True((await _backend.SnapshotAsync(snapshot, volume, default)).IsOk);
        WriteWithMarker(_backend.PathOf(volume), Encoding.ASCII.GetBytes("changed-after-the-snapshot"));
        var restored = ResourceIds.NewVolumeId();
        var made = await _backend.CreateFromSnapshotAsync(restored, snapshot, 2, default);

        Assert.True(made.IsOk, made.Reason);
        var info = Info(_backend.PathOf(restored));
        Assert.Equal(("qcow2", 2 * GiB), (info.GetProperty("format").GetString(), info.GetProperty("virtual-size").GetInt64()));
        Assert.False(info.TryGetProperty("backing-filename", out _));
        Assert.Equal(Marker, ReadStart(_backend.PathOf(restored), Marker.Length));
    }

    [Fact]
    public async Task CopyOnWrite_ReadsTheOriginAsItWas_OnAFrozenBaseOfItsOwn()
    {
        var origin = ResourceIds.NewVolumeId();
        WriteWithMarker(_backend.PathOf(origin), Marker);
        var copy = ResourceIds.NewVolumeId();

        var made = await _backend.CopyOnWriteAsync(copy, origin, 2, default);
        Assert.True(made.IsOk, made.Reason);
        WriteWithMarker(_backend.PathOf(origin), Encoding.ASCII.GetBytes("origin-written-later"));

        var info = Info(_backend.PathOf(copy));
        Assert.Equal(2 * GiB, info.GetProperty("virtual-size").GetInt64());
        Assert.Equal(_backend.BaseOf(copy), info.GetProperty("backing-filename").GetString());
        Assert.Equal(Marker, ReadStart(_backend.PathOf(copy), Marker.Length));
    }

    [Fact]
    public async Task Delete_RemovesTheVolumeAndItsBase_AndAgainIsFine()
    {
        var origin = ResourceIds.NewVolumeId();
        Assert.True((await _backend.CreateAsync(origin, 1, default)).IsOk);
        var copy = ResourceIds.NewVolumeId();
        Assert.True((await _backend.CopyOnWriteAsync(copy, origin, 1, default)).IsOk);

        Assert.True((await _backend.DeleteVolumeAsync(copy, default)).IsOk);
        Assert.False(File.Exists(_backend.PathOf(copy)));
        Assert.False(File.Exists(_backend.BaseOf(copy)));
        Assert.True(File.Exists(_backend.PathOf(origin)));
        Assert.True((await _backend.DeleteVolumeAsync(copy, default)).IsOk);
    }

    [Fact]
    public async Task FromAMissingSnapshot_NotFound()
    {
        var made = await _backend.CreateFromSnapshotAsync(ResourceIds.NewVolumeId(), ResourceIds.NewSnapshotId(), 1, default);
        Assert.Equal(ComputeStatus.NotFound, made.Status);
    }

    [Fact]
    public void PathOf_AnythingButACoreId_Refused() =>
        Assert.Throws<ArgumentException>(() => _backend.PathOf("../../etc/passwd"));

    // A 1 MiB raw file starting with the marker, converted to qcow2 at the path (replacing what is there).
    private void WriteWithMarker(string path, byte[] marker)
    {
        var raw = Path.Combine(_directory.Path, Guid.NewGuid().ToString("N") + ".raw");
        var bytes = new byte[1 << 20];
        marker.CopyTo(bytes, 0);
        File.WriteAllBytes(raw, bytes);
        File.Delete(path);
        Run("convert", "-f", "raw", "-O", "qcow2", raw, path);
    }

    private byte[] ReadStart(string path, int count)
    {
        var raw = Path.Combine(_directory.Path, Guid.NewGuid().ToString("N") + ".raw");
        Run("convert", "-U", "-O", "raw", path, raw);
        using var file = File.OpenRead(raw);
        var bytes = new byte[count];
        file.ReadExactly(bytes);
        return bytes;
    }

    private static JsonElement Info(string path) => JsonDocument.Parse(Run("info", "-U", "--output=json", path)).RootElement.Clone();

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("qemu-img") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"qemu-img {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
