using System.Globalization;

namespace StandardsCloud.LoadHarness.Measure;

/// <summary>
/// How busy the whole machine is, other work included: the load averages, and the CPU time every
/// process together has spent (from <c>/proc/stat</c>), so a run can tell its own share from the rest.
/// NaN or zero where <c>/proc</c> is not there.
/// </summary>
public static class MachineLoad
{
    // USER_HZ, as in ProcessCpu.
    private const double TicksPerSecond = 100;

    public static double OneMinute() => Average(0);

    public static double FiveMinutes() => Average(1);

    /// <summary>CPU seconds spent busy since boot, all CPUs together: user, nice, system, irq, softirq, steal.</summary>
    public static double BusySeconds()
    {
        string? line;
        try
        {
            line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return 0;
        }

        if (line is null)
        {
            return 0;
        }

        // proc(5): cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is in user already).
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / TicksPerSecond;
    }

    private static double Average(int field)
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[field], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
