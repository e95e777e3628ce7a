using System.Diagnostics;
using StandardsCloud.LoadHarness;

namespace StandardsCloud.BootTime.Measure;

/// <summary>
/// The peer of the node's download: what a script does with the same URL, <c>curl -o</c> then
/// <c>sha1sum</c>, one after the other, timed together.
/// </summary>
public static class CurlAndSha1sum
{
    /// <summary>Milliseconds to fetch <paramref name="url"/> into <paramref name="file"/> and hash it; aborts when the SHA-1 is not <paramref name="sha1"/>.</summary>
    public static async Task<double> FetchAndHashAsync(Uri url, string file, string sha1, CancellationToken ct)
    {
        File.Delete(file);
        var started = Stopwatch.GetTimestamp();
        await Tools.RunAsync("curl", ["-sS", "--fail", "-o", file, url.AbsoluteUri], ct).ConfigureAwait(false);
        var printed = await Tools.RunAsync("sha1sum", [file], ct).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        File.Delete(file);
        return printed.StartsWith(sha1, StringComparison.Ordinal)
            ? elapsed
            : throw new BenchAbortedException($"sha1sum of {url} printed '{printed.Trim()}', expected {sha1}");
    }
}
