using System.Diagnostics;

namespace StandardsCloud.LaunchStorm.Measure;

/// <summary>
/// Asks <c>/healthz</c> every 20 ms over a connection of its own, as a load balancer would, and
/// keeps each answer's latency. A failed or late probe counts with the time it took.
/// </summary>
public sealed class HealthSampler(Uri baseAddress) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    // Bounds both one probe and, through the interval, the number of samples a run can keep.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private const int MaxSamples = 100_000;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false })
    {
        BaseAddress = baseAddress,
        Timeout = ProbeTimeout,
    };

    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public int Failures { get; private set; }

    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>Stops probing; the latencies seen, in milliseconds.</summary>
    public async Task<IReadOnlyList<double>> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        return _samples;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (_samples.Count < MaxSamples && await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var answer = await _http.GetAsync("healthz", HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                    if (!answer.IsSuccessStatusCode)
                    {
                        Failures++;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Failures++;
                }

                _samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped between or during probes; a probe cut short by the stop is not kept.
        }
    }
}
