using System.Diagnostics;
using StandardsCloud.LoadHarness;

namespace StandardsCloud.BootTime.Measure;

/// <summary>Command-line tools the harness runs to completion (qemu-img, virsh, curl, sha1sum).</summary>
internal static class Tools
{
    /// <summary>Runs <paramref name="tool"/> and answers what it printed; a failure aborts the run unless <paramref name="mayFail"/>.</summary>
    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken ct, bool mayFail = false)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0 && !mayFail)
        {
            throw new BenchAbortedException($"{tool} {string.Join(' ', info.ArgumentList)} failed: {(await errors.ConfigureAwait(false)).Trim()}");
        }

        return output;
    }
}
