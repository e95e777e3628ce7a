using System.Diagnostics;

namespace StandardsCloud.NodeDaemon;

/// <summary>Runs a host tool (<c>qemu-img</c>, <c>genisoimage</c>, <c>iptables-restore</c>) with a list of arguments, never through a shell.</summary>
public static class ExternalTool
{
    /// <param name="tool">The program.</param>
    /// <param name="arguments">Its arguments, each passed as it is.</param>
    /// <param name="step">What a failure names (<c>qemu-img create</c>); the program's name when null.</param>
    /// <param name="purpose">Said when the program cannot be started at all, such as which package provides it.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<Outcome> RunAsync(
        string tool, IEnumerable<string> arguments, string? step, string? purpose, CancellationToken cancellationToken)
    {
        var ran = await ReadAsync(tool, arguments, step, purpose, cancellationToken).ConfigureAwait(false);
        return ran.IsOk ? Outcome.Ok() : Outcome.Fail(ran.Error);
    }

    /// <summary>As <see cref="RunAsync"/>, answering what the program wrote on its standard output.</summary>
    public static async Task<Outcome<string>> ReadAsync(
        string tool, IEnumerable<string> arguments, string? step, string? purpose, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
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
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0
                ? Outcome<string>.Ok(stdout)
                : Outcome<string>.Fail($"{step ?? tool} failed ({process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return Outcome<string>.Fail($"cannot run {tool}{(purpose is null ? "" : " " + purpose)}: {e.Message}");
        }
    }
}
