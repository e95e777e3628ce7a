using System.Diagnostics;

namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>
/// Runs one client session as a process against a site: the session reads the site from
/// <c>EC2_*</c> variables and prints its report as its last line.
/// </summary>
public static class SessionProcess
{
    public static async Task<SessionReport> RunAsync(ProcessStartInfo info, string script, Ec2Site site, SessionInputs inputs, TimeSpan? timeout = null)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;

        // Only what this test gives: no profile, configuration or metadata service of the machine.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in inputs.Environment(site))
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish in time\n{await output}\n{await error}");
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var log = string.Join('\n', lines.SkipLast(1)) + "\n" + await error;
        Assert.True(lines.Length > 0 && lines[^1].StartsWith('{'), $"{script} exited {process.ExitCode} without a report\n{log}");
        return SessionReport.FromJson(lines[^1], log.Trim());
    }
}
