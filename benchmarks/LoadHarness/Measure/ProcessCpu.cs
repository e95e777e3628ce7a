using System.Globalization;

namespace StandardsCloud.LoadHarness.Measure;

/// <summary>
/// CPU time of a process from <c>/proc/&lt;pid&gt;/stat</c> (user + system), in seconds. PostgreSQL
/// is the postmaster plus its live backends, plus what finished backends left in its children's
/// counters. Zero where <c>/proc</c> is not there or the process is gone.
/// </summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of the /proc tick counters, 100 on every Linux the project runs on.
    private const double TicksPerSecond = 100;

    public static double Seconds(int pid) => Read(pid) is { } stat ? (stat.User + stat.System) / TicksPerSecond : 0;

    /// <summary>
    /// CPU seconds of this process's children that have ended and been waited for: what the
    /// short-lived programs a harness ran (a client driver, say) spent, all of them together.
    /// </summary>
    public static double EndedChildrenSeconds() =>
        Read(Environment.ProcessId) is { } stat ? (stat.ChildrenUser + stat.ChildrenSystem) / TicksPerSecond : 0;

    public static double PostgresSeconds(int postmaster)
    {
        if (Read(postmaster) is not { } root)
        {
            return 0;
        }

        var ticks = root.User + root.System + root.ChildrenUser + root.ChildrenSystem;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } stat && stat.Parent == postmaster)
            {
                ticks += stat.User + stat.System;
            }
        }

        return ticks / TicksPerSecond;
    }

    private sealed record Stat(int Parent, long User, long System, long ChildrenUser, long ChildrenSystem);

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // proc(5): the command name is in parentheses and may hold spaces; fields count on after it.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new Stat((int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }
}
