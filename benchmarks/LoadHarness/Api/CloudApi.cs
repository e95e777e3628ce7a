using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace StandardsCloud.LoadHarness.Api;

/// <summary>One launch request as the client saw it.</summary>
public sealed record LaunchAttempt(HttpStatusCode? Status, double LatencyMs, string? InstanceId, string? Error)
{
    public bool Succeeded => Status == HttpStatusCode.Created && InstanceId is not null;
}

/// <summary>
/// The server's <c>/api/v1</c> as an administrator, over a pool of keep-alive connections large
/// enough that the harness's own concurrency, not the pool, limits what is in flight.
/// </summary>
public sealed class CloudApi : IDisposable
{
    private readonly HttpClient _http;

    public CloudApi(Uri baseAddress, AdminCredentials admin, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.User}:{admin.Password}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
    }

    public Task<IReadOnlyList<HostEntry>> HostsAsync(CancellationToken ct) => GetAsync("api/v1/hosts", ApiJson.Default.IReadOnlyListHostEntry, ct);

    public Task<IReadOnlyList<InstanceTypeEntry>> InstanceTypesAsync(CancellationToken ct) =>
        GetAsync("api/v1/instance-types", ApiJson.Default.IReadOnlyListInstanceTypeEntry, ct);

    public Task<IReadOnlyList<InstanceEntry>> InstancesAsync(string? state, CancellationToken ct) =>
        GetAsync(state is null ? "api/v1/instances" : $"api/v1/instances?state={Uri.EscapeDataString(state)}", ApiJson.Default.IReadOnlyListInstanceEntry, ct);

    public Task<IReadOnlyList<HistoryRecord>> HistoryAsync(string instanceId, CancellationToken ct) =>
        GetAsync($"api/v1/instances/{Uri.EscapeDataString(instanceId)}/history", ApiJson.Default.IReadOnlyListHistoryRecord, ct);

    public async Task<ImageEntry> RegisterImageAsync(ImageBody image, CancellationToken ct)
    {
        using var answer = await _http.PostAsJsonAsync("api/v1/images", image, ApiJson.Default.ImageBody, ct).ConfigureAwait(false);
        await EnsureAsync(answer, ct).ConfigureAwait(false);
        return await answer.Content.ReadFromJsonAsync(ApiJson.Default.ImageEntry, ct).ConfigureAwait(false)
            ?? throw new BenchAbortedException("the image registration answered no image");
    }

    /// <summary>Uploads a signed metadata document to the Marketplace; throws when refused.</summary>
    public async Task UploadMetadataAsync(byte[] document, CancellationToken ct)
    {
        using var content = new ByteArrayContent(document);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/rdf+xml");
        using var answer = await _http.PostAsync("metadata", content, ct).ConfigureAwait(false);
        await EnsureAsync(answer, ct).ConfigureAwait(false);
    }

    /// <summary>Registers the image a Marketplace entry describes; throws when refused (by the site's policy, say).</summary>
    public async Task<ImageEntry> RegisterMarketplaceImageAsync(string entry, CancellationToken ct)
    {
        using var answer = await _http.PostAsJsonAsync("api/v1/images", new MarketplaceImageBody(entry), ApiJson.Default.MarketplaceImageBody, ct).ConfigureAwait(false);
        await EnsureAsync(answer, ct).ConfigureAwait(false);
        return await answer.Content.ReadFromJsonAsync(ApiJson.Default.ImageEntry, ct).ConfigureAwait(false)
            ?? throw new BenchAbortedException("the image registration answered no image");
    }

    /// <summary>Asks for <see cref="LaunchBody.Count"/> instances in one call (at most the server's per-call limit, 1,000); throws when refused.</summary>
    public async Task<ReservationEntry> LaunchManyAsync(LaunchBody body, CancellationToken ct)
    {
        using var answer = await _http.PostAsJsonAsync("api/v1/instances", body, ApiJson.Default.LaunchBody, ct).ConfigureAwait(false);
        await EnsureAsync(answer, ct).ConfigureAwait(false);
        return await answer.Content.ReadFromJsonAsync(ApiJson.Default.ReservationEntry, ct).ConfigureAwait(false)
            ?? throw new BenchAbortedException("a launch answered no reservation");
    }

    /// <summary>Asks for one instance; never throws for an HTTP or network failure, it records it.</summary>
    public async Task<LaunchAttempt> LaunchAsync(LaunchBody body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var answer = await _http.PostAsJsonAsync("api/v1/instances", body, ApiJson.Default.LaunchBody, ct).ConfigureAwait(false);
            var content = answer.StatusCode == HttpStatusCode.Created
                ? await answer.Content.ReadFromJsonAsync(ApiJson.Default.ReservationEntry, ct).ConfigureAwait(false)
                : null;
            var error = content is null ? await answer.Content.ReadAsStringAsync(ct).ConfigureAwait(false) : null;
            return new LaunchAttempt(answer.StatusCode, Milliseconds(started), content?.Instances.FirstOrDefault()?.Id, error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new LaunchAttempt(null, Milliseconds(started), null, e.Message);
        }
    }

    /// <summary>Asks for an instance's termination; throws when refused.</summary>
    public async Task TerminateAsync(string instanceId, CancellationToken ct)
    {
        using var answer = await _http.DeleteAsync($"api/v1/instances/{Uri.EscapeDataString(instanceId)}", ct).ConfigureAwait(false);
        await EnsureAsync(answer, ct).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    public static double Milliseconds(long since) => Stopwatch.GetElapsedTime(since).TotalMilliseconds;

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var answer = await _http.GetAsync(path, ct).ConfigureAwait(false);
        await EnsureAsync(answer, ct).ConfigureAwait(false);
        return await answer.Content.ReadFromJsonAsync(type, ct).ConfigureAwait(false)
            ?? throw new BenchAbortedException($"GET {path} answered nothing");
    }

    private static async Task EnsureAsync(HttpResponseMessage answer, CancellationToken ct)
    {
        if (!answer.IsSuccessStatusCode)
        {
            var body = await answer.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new BenchAbortedException($"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri} answered {(int)answer.StatusCode}: {body}");
        }
    }
}
