using System.Globalization;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Ports;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Server.Volumes;

/// <summary>
/// Volumes and snapshots as qcow2 files in one directory the hosts see (local, or shared such as
/// NFS or CephFS): <c>vol-….qcow2</c>, <c>snap-….qcow2</c>, and <c>vol-….base.qcow2</c> under a
/// copy-on-write copy; images saved from instances' disks as <c>images/ami-….img</c>. Every file is written under a temporary name and renamed when whole, so a
/// file that exists is complete and repeating a call after a crash finds the work done.
/// </summary>
public sealed class QcowVolumeBackend : IVolumeBackend
{
    private readonly string _directory;

    public QcowVolumeBackend(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        if (!OperatingSystem.IsWindows())
        {
            // QEMU runs as its own user and must reach the files.
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>The file of a volume or snapshot.</summary>
    public string PathOf(string id) => Path.Combine(_directory, Checked(id) + ".qcow2");

    /// <summary>The frozen origin data under a copy-on-write copy.</summary>
    public string BaseOf(string volumeId) => Path.Combine(_directory, Checked(volumeId) + ".base.qcow2");

    public Task<Outcome<DiskSource>> CreateAsync(string volumeId, int sizeGiB, CancellationToken ct) =>
        MakeAsync(PathOf(volumeId), ct, temporary => [["create", "-q", "-f", "qcow2", temporary, Size(sizeGiB)]]);

    public Task<Outcome<DiskSource>> CreateFromSnapshotAsync(string volumeId, string snapshotId, int sizeGiB, CancellationToken ct)
    {
        var snapshot = PathOf(snapshotId);
        return File.Exists(snapshot) || File.Exists(PathOf(volumeId))
            ? MakeAsync(PathOf(volumeId), ct, temporary =>
            [
                ["convert", "-q", "-O", "qcow2", snapshot, temporary],
                ["resize", "-q", "-f", "qcow2", temporary, Size(sizeGiB)],
            ])
            : Task.FromResult(Outcome<DiskSource>.Fail(ComputeStatus.NotFound, $"snapshot {snapshotId} has no data in {_directory}"));
    }

    public async Task<Outcome<DiskSource>> CopyOnWriteAsync(string volumeId, string originId, int sizeGiB, CancellationToken ct)
    {
        var origin = PathOf(originId);
        var frozen = BaseOf(volumeId);
        if (!File.Exists(origin) && !File.Exists(frozen))
        {
            return Outcome<DiskSource>.Fail(ComputeStatus.NotFound, $"volume {originId} has no data in {_directory}");
        }

        // The origin as it is now, so later writes to it never show through the copy.
        var froze = await MakeAsync(frozen, ct, temporary => [["convert", "-q", "-U", "-O", "qcow2", origin, temporary]]).ConfigureAwait(false);
        if (!froze.IsOk)
        {
            return froze;
        }

        return await MakeAsync(PathOf(volumeId), ct, temporary =>
            [["create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", frozen, temporary, Size(sizeGiB)]]).ConfigureAwait(false);
    }

    public async Task<Outcome<bool>> SnapshotAsync(string snapshotId, string volumeId, CancellationToken ct)
    {
        var volume = PathOf(volumeId);
        if (!File.Exists(volume) && !File.Exists(PathOf(snapshotId)))
        {
            return Outcome<bool>.Fail(ComputeStatus.NotFound, $"volume {volumeId} has no data in {_directory}");
        }

        // -U reads without the image lock: an attached volume gives a crash-consistent copy.
        var made = await MakeAsync(PathOf(snapshotId), ct, temporary => [["convert", "-q", "-U", "-O", "qcow2", volume, temporary]]).ConfigureAwait(false);
        return made.IsOk ? Outcome<bool>.Ok(true) : made.As<bool>();
    }

    public Task<Outcome<bool>> DeleteVolumeAsync(string volumeId, CancellationToken ct) => RemoveAsync(PathOf(volumeId), BaseOf(volumeId));

    public Task<Outcome<bool>> DeleteSnapshotAsync(string snapshotId, CancellationToken ct) => RemoveAsync(PathOf(snapshotId));

    /// <summary>Saved images are raw files in the directory's <c>images/</c> folder, written by the instance's host.</summary>
    public string? SavedImagePath(string imageId) =>
        ResourceIds.IsWellFormed(imageId, ResourceIds.ImagePrefix)
            ? Path.Combine(_directory, "images", imageId + ".img")
            : throw new ArgumentException($"'{imageId}' is not an image id", nameof(imageId));

    public Task<Outcome<bool>> DeleteSavedImageAsync(string imageId, CancellationToken ct) => RemoveAsync(SavedImagePath(imageId)!);

    // Runs the steps on a temporary file, then renames it into place; a file already in place is the work done.
    private static async Task<Outcome<DiskSource>> MakeAsync(string path, CancellationToken ct, Func<string, string[][]> steps)
    {
        var made = Outcome<DiskSource>.Ok(new DiskSource(DiskSourceKind.File, path));
        if (File.Exists(path))
        {
            return made;
        }

        var temporary = path + ".part";
        try
        {
            File.Delete(temporary);
            foreach (var step in steps(temporary))
            {
                if (await QemuImg.RunAsync(ct, step).ConfigureAwait(false) is { } error)
                {
                    File.Delete(temporary);
                    return Outcome<DiskSource>.Fail(ComputeStatus.IncorrectState, error);
                }
            }

            if (!OperatingSystem.IsWindows())
            {
                // Readable by QEMU's user whatever the server's umask; hosts that run guests take ownership to write.
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.Move(temporary, path, overwrite: false);
            return made;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another call made it meanwhile.
            return made;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Outcome<DiskSource>.Fail(ComputeStatus.IncorrectState, $"cannot write {path}: {e.Message}");
        }
    }

    private static Task<Outcome<bool>> RemoveAsync(params string[] paths)
    {
        try
        {
            foreach (var path in paths)
            {
                File.Delete(path);
                File.Delete(path + ".part");
            }

            return Task.FromResult(Outcome<bool>.Ok(true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(Outcome<bool>.Fail(ComputeStatus.IncorrectState, $"cannot remove {string.Join(", ", paths)}: {e.Message}"));
        }
    }

    private static string Size(int sizeGiB) => sizeGiB.ToString(CultureInfo.InvariantCulture) + "G";

    // Ids become file names: only the core's own shapes are accepted, never a path.
    private static string Checked(string id) =>
        ResourceIds.IsWellFormed(id, ResourceIds.VolumePrefix) || ResourceIds.IsWellFormed(id, ResourceIds.SnapshotPrefix)
            ? id
            : throw new ArgumentException($"'{id}' is not a volume or snapshot id", nameof(id));
}
