using System.ComponentModel;
using System.Diagnostics;

namespace StandardsCloud.Server.Volumes;

/// <summary>Runs <c>qemu-img</c> with a list of arguments (never a shell), answering its error text on failure.</summary>
internal static class QemuImg
{
    /// <summary>Null when qemu-img succeeded; otherwise what it said.</summary>
    public static async Task<string?> RunAsync(CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("qemu-img")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            return process.ExitCode == 0 ? null : $"qemu-img {arguments[0]} failed ({process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}";
        }
        catch (Win32Exception e)
        {
            return $"cannot run qemu-img: {e.Message}";
        }
    }
}
