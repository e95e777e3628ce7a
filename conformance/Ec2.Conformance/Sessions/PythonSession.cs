using System.Diagnostics;

namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>
/// Runs a client session written in Python with Debian's interpreter and client packages
/// (python3-boto3, python3-boto, python3-libcloud), never another Python that may be first on PATH.
/// </summary>
public static class PythonSession
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>
    /// Runs <paramref name="script"/> (a path under the test output) against <paramref name="site"/>;
    /// the script reads the site from <c>EC2_*</c> variables and prints its report as its last line.
    /// </summary>
    public static async Task<SessionReport> RunAsync(string script, Ec2Site site, SessionInputs inputs, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-X");
        info.ArgumentList.Add("utf8");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, script));

        // Only what this test gives: no profile, configuration or metadata service of the machine.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("PYTHON", StringComparison.Ordinal) || k.StartsWith("BOTO", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Sessions");
        info.Environment["PYTHONNOUSERSITE"] = "1";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        info.Environment["BOTO_CONFIG"] = "/dev/null";
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
