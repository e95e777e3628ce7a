namespace StandardsCloud.NodeDaemon.Images;

/// <summary>
/// A domain's own disk: a qcow2 file whose reads fall through to the shared cached image, so the
/// cache stays pristine and a new domain costs a few hundred bytes instead of a copy.
/// </summary>
public static class OverlayDisk
{
    public static async Task<Outcome> CreateAsync(string backingFile, string overlay, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(overlay)!);
        File.Delete(overlay);
        return await ExternalTool.RunAsync(
            "qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", backingFile, overlay], "qemu-img create", null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Removes a domain's overlay; a file already gone is fine.</summary>
    public static void Remove(string overlay) => File.Delete(overlay);
}
