using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Images;

/// <summary>
/// Writes a domain's disk as a raw image file: the whole chain (the cached image and what the guest
/// wrote over it) flattened into one file, under a temporary name, flushed to stable storage and
/// renamed into place, so a file at the target path is always a whole one. A file already in
/// place is a save finished before (a node that restarted): it is only hashed again.
/// </summary>
public static class DiskSaver
{
    /// <param name="source">The domain's disk.</param>
    /// <param name="format">Its format, <c>qcow2</c> or <c>raw</c>.</param>
    /// <param name="save">What to write, and where.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    public static async Task<SavedDisk> SaveAsync(string source, string format, DiskSave save, CancellationToken cancellationToken)
    {
        if (!Path.IsPathFullyQualified(save.Path) || !save.Path.EndsWith(".img", StringComparison.Ordinal) || save.Path.Contains("/../", StringComparison.Ordinal))
        {
            return Failed(save, $"'{save.Path}' is not an absolute path to an .img file");
        }

        var temporary = save.Path + ".part";
        try
        {
            if (!File.Exists(save.Path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(save.Path)!);
                File.Delete(temporary);

                // -U reads without the image lock: a running guest gives a crash-consistent copy.
                var converted = await ExternalTool.RunAsync(
                    "qemu-img", ["convert", "-q", "-U", "-f", format, "-O", "raw", source, temporary], "qemu-img convert", "(package qemu-utils)", cancellationToken)
                    .ConfigureAwait(false);
                if (!converted.IsOk)
                {
                    File.Delete(temporary);
                    return Failed(save, converted.Error);
                }

                await using (var written = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
                {
                    written.Flush(flushToDisk: true);
                }

                if (!OperatingSystem.IsWindows())
                {
                    // Hosts fetch it as any image; QEMU never writes to it.
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }
                File.Move(temporary, save.Path, overwrite: false);
            }

            var sha1 = await ImageCache.HashFileAsync(save.Path, cancellationToken).ConfigureAwait(false);
            return new SavedDisk(save.ImageId, sha1, new FileInfo(save.Path).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // The directory itself is out of reach; nothing was put in place.
            }

            return Failed(save, $"cannot write {save.Path}: {e.Message}");
        }
    }

    private static SavedDisk Failed(DiskSave save, string reason) => new(save.ImageId, null, 0, reason);
}
