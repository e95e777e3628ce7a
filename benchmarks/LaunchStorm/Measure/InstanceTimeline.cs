using StandardsCloud.LoadHarness.Api;

namespace StandardsCloud.LaunchStorm.Measure;

/// <summary>
/// When an instance was requested, placed and seen running, read from its history: the first
/// event is the request, the scheduler's "placed on host" event the placement, the first move
/// into Running the start.
/// </summary>
public sealed record InstanceTimeline(string InstanceId, DateTimeOffset RequestedAt, DateTimeOffset? PlacedAt, DateTimeOffset? RunningAt)
{
    public double? PlacementMs => PlacedAt is { } at ? (at - RequestedAt).TotalMilliseconds : null;
    public double? RunningMs => RunningAt is { } at ? (at - RequestedAt).TotalMilliseconds : null;

    public static InstanceTimeline? Of(string instanceId, IReadOnlyList<HistoryRecord> history)
    {
        if (history.Count == 0)
        {
            return null;
        }

        var ordered = history.OrderBy(h => h.Version).ToList();
        var placed = ordered.FirstOrDefault(h => h.Description.StartsWith("placed on host", StringComparison.Ordinal));
        var running = ordered.FirstOrDefault(h => h.Description.EndsWith("→ Running", StringComparison.Ordinal)
            || h.Description.Contains("→ Running:", StringComparison.Ordinal));
        return new InstanceTimeline(instanceId, ordered[0].At, placed?.At, running?.At);
    }

    /// <summary>Reads every instance's history, a few at a time so the reading does not become a storm of its own.</summary>
    public static async Task<IReadOnlyList<InstanceTimeline>> ReadAsync(CloudApi api, IEnumerable<string> instanceIds, int concurrency, CancellationToken ct)
    {
        var timelines = new System.Collections.Concurrent.ConcurrentBag<InstanceTimeline>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(instanceIds, parallel, async (id, token) =>
        {
            if (Of(id, await api.HistoryAsync(id, token).ConfigureAwait(false)) is { } timeline)
            {
                timelines.Add(timeline);
            }
        }).ConfigureAwait(false);
        return [.. timelines];
    }
}
