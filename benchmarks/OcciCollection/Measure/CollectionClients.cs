using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Api;

namespace StandardsCloud.OcciCollection.Measure;

/// <summary>The requests of one stretch of time against one target, as the clients saw them.</summary>
public sealed class Stretch
{
    public List<double> LatenciesMs { get; } = [];
    public int Errors { get; set; }
    public int WrongAnswers { get; set; }
    public string? FirstProblem { get; set; }
    public long Bytes { get; set; }
    public double Seconds { get; set; }
    public int Requests => LatenciesMs.Count;
}

/// <summary>
/// N clients, each with its own keep-alive connection and one request in flight, asking one
/// target for the whole collection again and again for a fixed time. A request's latency runs from
/// sending it to the last byte of the answer read; every answer's entries are counted.
/// </summary>
public sealed class CollectionClients : IDisposable
{
    private const string LocationHeader = "X-OCCI-Location";
    private readonly HttpClient _http;
    private readonly int _clients;

    public CollectionClients(AdminCredentials admin, int clients)
    {
        _clients = clients;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            // text/occi puts every location in one header: about 50 bytes each (in KiB).
            MaxResponseHeadersLength = 64 * 1024,
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };

        // The ceiling ignores it; it is sent to both so the requests are the same.
        var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.User}:{admin.Password}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
    }

    /// <summary>One request, read in full and checked against the instances launched; throws when it is wrong.</summary>
    public async Task<long> VerifyAsync(Target target, IReadOnlySet<string> expectedIds, CancellationToken ct)
    {
        var buffer = new Box(new byte[1 << 20]);
        var (status, length, header, type) = await GetAsync(target, buffer, ct).ConfigureAwait(false);
        var problem = status != HttpStatusCode.OK ? $"status {(int)status}: {Encoding.UTF8.GetString(buffer.Bytes, 0, Math.Min(length, 500))}"
            : !string.Equals(type, target.MediaType, StringComparison.OrdinalIgnoreCase) ? $"Content-Type {type}, not {target.MediaType}"
            : AnswerCheck.Verify(target.Shape, buffer.Bytes.AsSpan(0, length), header, expectedIds);
        return problem is null ? length : throw new BenchAbortedException($"{target.Label}: the answer is wrong: {problem}");
    }

    /// <summary>Every client asks until <paramref name="duration"/> has passed; answers still coming are waited for.</summary>
    public async Task<Stretch> RunAsync(Target target, TimeSpan duration, int expected, CancellationToken ct)
    {
        var stretch = new Stretch();
        var gate = new Lock();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, _clients).Select(_ => Task.Run(async () =>
        {
            var buffer = new Box(new byte[1 << 20]);
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var sent = Stopwatch.GetTimestamp();
                string? problem;
                var wrong = false;
                var length = 0;
                try
                {
                    (var status, length, var header, var type) = await GetAsync(target, buffer, ct).ConfigureAwait(false);
                    var count = AnswerCheck.Count(target.Shape, buffer.Bytes.AsSpan(0, length), header);
                    problem = status != HttpStatusCode.OK ? $"status {(int)status}"
                        : !string.Equals(type, target.MediaType, StringComparison.OrdinalIgnoreCase) ? $"Content-Type {type}"
                        : count != expected ? $"{count} entries, not {expected}"
                        : null;
                    wrong = status == HttpStatusCode.OK && problem is not null;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    problem = e.Message;
                }

                var latency = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                lock (gate)
                {
                    if (problem is null)
                    {
                        stretch.LatenciesMs.Add(latency);
                        stretch.Bytes = length;
                    }
                    else
                    {
                        stretch.FirstProblem ??= problem;
                        stretch.WrongAnswers += wrong ? 1 : 0;
                        stretch.Errors += wrong ? 0 : 1;
                    }
                }
            }
        }, ct))).ConfigureAwait(false);
        stretch.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return stretch;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A client's answer buffer, grown when an answer does not fit.</summary>
    private sealed class Box(byte[] bytes)
    {
        public byte[] Bytes { get; set; } = bytes;
    }

    private async Task<(HttpStatusCode Status, int Length, string? LocationHeader, string? MediaType)> GetAsync(Target target, Box buffer, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        request.Headers.Accept.ParseAdd(target.MediaType);
        using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var length = 0;
        await using (var body = await answer.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
        {
            int read;
            while ((read = await body.ReadAsync(buffer.Bytes.AsMemory(length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Bytes.Length)
                {
                    var larger = new byte[buffer.Bytes.Length * 2];
                    buffer.Bytes.AsSpan().CopyTo(larger);
                    buffer.Bytes = larger;
                }
            }
        }

        var header = answer.Headers.TryGetValues(LocationHeader, out var values) ? string.Join(", ", values) : null;
        return (answer.StatusCode, length, header, answer.Content.Headers.ContentType?.MediaType);
    }
}
