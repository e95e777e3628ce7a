using StandardsCloud.LoadHarness.Api;

namespace StandardsCloud.LaunchStorm.Measure;

/// <summary>
/// Fires the launch requests, a fixed number in flight, each asking for one instance. Answers are
/// kept as they come, so a volley cut short by the deadline still tells what it got.
/// </summary>
public sealed class LaunchVolley(CloudApi api, LaunchBody body, int requests, int concurrency)
{
    private readonly LaunchAttempt?[] _attempts = new LaunchAttempt?[requests];

    /// <summary>The answers so far, in request order; requests not answered are left out.</summary>
    public IReadOnlyList<LaunchAttempt> Attempts => [.. _attempts.OfType<LaunchAttempt>()];

    public int Succeeded => _attempts.Count(a => a is { Succeeded: true });

    public async Task FireAsync(CancellationToken ct)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), parallel, async (i, token) =>
            _attempts[i] = await api.LaunchAsync(body, token).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
