using System.Diagnostics;
using StandardsCloud.LoadHarness.Api;

namespace StandardsCloud.LoadHarness.Cloud;

/// <summary>
/// Fills a cloud with instances before a measurement: many per launch call, a few calls in flight,
/// then waits until they run. The quick way to 10,000 instances when the launch path is not what
/// is measured.
/// </summary>
public static class InstanceLoad
{
    private static readonly TimeSpan RunningPoll = TimeSpan.FromSeconds(2);

    /// <summary>Launches <paramref name="count"/> instances in calls of <paramref name="batch"/>; the ids launched.</summary>
    public static async Task<IReadOnlyList<string>> LaunchAsync(
        CloudApi api, string imageId, string instanceType, int count, int batch, int concurrency, CancellationToken ct)
    {
        var sizes = Enumerable.Range(0, (count + batch - 1) / batch).Select(b => Math.Min(batch, count - (b * batch))).ToArray();
        var ids = new IReadOnlyList<InstanceEntry>[sizes.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, sizes.Length), parallel, async (b, token) =>
        {
            var reservation = await api.LaunchManyAsync(new LaunchBody(imageId, instanceType, sizes[b]), token).ConfigureAwait(false);
            if (reservation.Instances.Count != sizes[b])
            {
                throw new BenchAbortedException($"a launch of {sizes[b]} instances got {reservation.Instances.Count} (quota or capacity?)");
            }

            ids[b] = reservation.Instances;
        }).ConfigureAwait(false);
        return [.. ids.SelectMany(r => r).Select(i => i.Id)];
    }

    /// <summary>
    /// Polls until at least <paramref name="count"/> instances run or <paramref name="deadline"/>
    /// passes; how long it took and how many ran.
    /// </summary>
    public static async Task<(double Seconds, int Running)> WaitForRunningAsync(CloudApi api, int count, TimeSpan deadline, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var running = 0;
        while (Stopwatch.GetElapsedTime(started) < deadline)
        {
            running = (await api.InstancesAsync("Running", ct).ConfigureAwait(false)).Count;
            if (running >= count)
            {
                break;
            }

            await Task.Delay(RunningPoll, ct).ConfigureAwait(false);
        }

        return (Stopwatch.GetElapsedTime(started).TotalSeconds, running);
    }
}
