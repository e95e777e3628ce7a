using System.Diagnostics;

namespace StandardsCloud.LaunchStorm.Measure;

/// <summary>
/// Asks <c>/healthz</c> every 20 ms over a connection of its own, as a load balancer would, and
/// keeps each answer's latency. A failed or late probe counts with the time it took. The probes
/// run on a thread of their own with blocking calls, so the harness's own launch traffic (which
/// fills its thread pool) does not delay them: what is measured is the server's answer.
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

    public void Start() => _loop = Task.Factory.StartNew(() => Run(_stop.Token), CancellationToken.None,
        TaskCreationOptions.LongRunning, TaskScheduler.Default);

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

    private void Run(CancellationToken ct)
    {
        var next = Stopwatch.GetTimestamp();
        while (_samples.Count < MaxSamples && !ct.IsCancellationRequested)
        {
            next += (long)(Interval.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
                using var answer = _http.Send(request, HttpCompletionOption.ResponseContentRead, ct);
                if (!answer.IsSuccessStatusCode)
                {
                    Failures++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                if (ct.IsCancellationRequested)
                {
                    // A probe cut short by the stop is not kept.
                    return;
                }

                Failures++;
            }

            _samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                ct.WaitHandle.WaitOne(wait);
            }
            else
            {
                // Late: start the next probe now rather than catching up with a burst.
                next = Stopwatch.GetTimestamp();
            }
        }
    }
}
