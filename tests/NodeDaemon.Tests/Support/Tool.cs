using System.Diagnostics;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>Runs a command-line tool to completion and hands back what it printed.</summary>
public static class Tool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The standard output of a tool that must succeed.</summary>
    public static async Task<string> OutputAsync(string tool, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(tool, arguments);
        Assert.True(exitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {exitCode}: {error}");
        return output;
    }
}
