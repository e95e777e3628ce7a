using System.Diagnostics;

namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>
/// Runs a client session written in Python with Debian's interpreter and client packages
/// (python3-boto3, python3-boto, python3-libcloud), never another Python that may be first on PATH.
/// </summary>
public static class PythonSession
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> (a path under the test output) against <paramref name="site"/>.</summary>
    public static Task<SessionReport> RunAsync(string script, Ec2Site site, SessionInputs inputs, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(Interpreter);
        info.ArgumentList.Add("-X");
        info.ArgumentList.Add("utf8");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, script));
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("PYTHON", StringComparison.Ordinal) || k.StartsWith("BOTO", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Sessions");
        info.Environment["PYTHONNOUSERSITE"] = "1";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["BOTO_CONFIG"] = "/dev/null";
        return SessionProcess.RunAsync(info, script, site, inputs, timeout);
    }
}
