using System.Diagnostics;
using System.Text;

namespace StandardsCloud.CloudKit;

/// <summary>A node daemon running as its own process against the test cloud.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>StandardsCloud.NodeDaemon</c> with the given name, data directory and libvirt URI.</summary>
    public static NodeProcess Start(CloudFixture cloud, string name, string dataDirectory, string uri = "test", int cpus = 8, long memoryMiB = 16384)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            DaemonPath(), "--core", cloud.BaseAddress.ToString().TrimEnd('/'), "--join-token", cloud.JoinToken,
            "--name", name, "--uri", uri, "--data-dir", dataDirectory,
            "--cpus", cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--memory-mib", memoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        return new NodeProcess(Process.Start(info)!);
    }

    /// <summary>Ends the process at once, as a crash or power loss would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The daemon built beside this test assembly's configuration (Debug or Release).</summary>
    private static string DaemonPath()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "StandardsCloud.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "src", "NodeDaemon", "bin", configuration, "net10.0", "StandardsCloud.NodeDaemon.dll");
        Assert.True(File.Exists(path), $"the node daemon is not built at {path}");
        return path;
    }
}
