using System.Diagnostics;

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
        var start = new ProcessStartInfo("qemu-img")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "create", "-q", "-f", "qcow2", "-F", "raw", "-b", backingFile, overlay })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0
                ? Outcome.Ok()
                : Outcome.Fail($"qemu-img create failed ({process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return Outcome.Fail($"cannot run qemu-img: {e.Message}");
        }
    }

    /// <summary>Removes a domain's overlay; a file already gone is fine.</summary>
    public static void Remove(string overlay) => File.Delete(overlay);
}
