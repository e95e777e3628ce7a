using System.Diagnostics;

namespace StandardsCloud.BootTime.Measure;

/// <summary>
/// Watches a serial console file for its first complete line. Both sides of the comparison are
/// timed this way (QEMU writes the guest's serial port to a file in both), so the method adds
/// the same small delay to each.
/// </summary>
public static class FirstLine
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    /// <summary>The first line of <paramref name="path"/> and when it was seen, or null after <paramref name="limit"/>.</summary>
    public static async Task<(string Line, long SeenAt)?> WaitAsync(string path, TimeSpan limit, Func<bool> gaveUp, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var buffer = new byte[4096];
        while (Stopwatch.GetElapsedTime(started) < limit && !gaveUp())
        {
            if (Read(path, buffer) is { } line)
            {
                return (line, Stopwatch.GetTimestamp());
            }

            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }

        return null;
    }

    private static string? Read(string path, byte[] buffer)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var read = file.Read(buffer, 0, buffer.Length);
            var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
            return end < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, end).TrimEnd('\r');
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
