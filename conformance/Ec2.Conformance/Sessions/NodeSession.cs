using System.Diagnostics;

namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>
/// Runs a client session written for Node.js with the packages <c>./test.sh</c> installs from
/// <c>conformance/Ec2.Conformance/Js/package-lock.json</c> (<c>npm ci</c>).
/// </summary>
public static class NodeSession
{
    /// <summary>Runs <paramref name="script"/> (a path under the test output) against <paramref name="site"/>.</summary>
    public static Task<SessionReport> RunAsync(string script, Ec2Site site, SessionInputs inputs, TimeSpan? timeout = null)
    {
        var modules = Path.Combine(SourceFolder(), "Js", "node_modules");
        Assert.True(Directory.Exists(modules), $"{modules} is missing: run `npm ci --prefix conformance/Ec2.Conformance/Js` (./test.sh does)");
        var info = new ProcessStartInfo("node");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, script));
        info.Environment["NODE_PATH"] = modules;
        return SessionProcess.RunAsync(info, script, site, inputs, timeout);
    }

    // The project folder, found above the test output (…/conformance/Ec2.Conformance/bin/…).
    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ec2.Conformance.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Ec2.Conformance.csproj above {AppContext.BaseDirectory}");
    }
}
