using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.CloudKit;

/// <summary>
/// A node that speaks the node protocol but keeps its domains in a dictionary: it makes whatever
/// the core asks for real at once. Used to test the core alone; the real daemon has its own tests.
/// </summary>
public sealed class FakeNode(CloudFixture cloud, string name, int cpus = 4, long memoryMiB = 8192) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = cloud.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, DomainState> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _disks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _consoleEnds = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SavedDisk> _saved = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private string _hash = "";
    private SyncResponse? _desired;

    /// <summary>Whether the core's last answer only confirmed the state this node held.</summary>
    public bool LastAnswerUnchanged { get; private set; }

    public string HostId { get; private set; } = "";
    public string Token { get; private set; } = "";
    public IReadOnlyDictionary<string, DomainState> Domains => _domains;

    /// <summary>The volumes each domain holds, as the core last asked.</summary>
    public IReadOnlyDictionary<string, string[]> Disks => _disks;

    /// <summary>
    /// What a guest prints on its serial console each time it boots, given its instance id; sent
    /// to the core as a real node's console tail would. Null: the guests print nothing.
    /// </summary>
    public Func<string, string>? BootConsole { get; init; }

    /// <summary>The clock the host reports for its CPUs, in MHz (libvirt's node info); 0 for unknown.</summary>
    public int CpuMhz { get; init; }

    /// <summary>
    /// Why every disk save fails; null: a save writes the file the core names (the words "disk of"
    /// and the instance id) and reports its SHA-1 and size, as the real daemon reports its copy.
    /// </summary>
    public string? SaveFailure { get; init; }

    /// <summary>The last desired state the core sent in full.</summary>
    public SyncResponse? Desired => _desired;

    /// <summary>The saves that ended, by image id, while the core still asks for them.</summary>
    public IReadOnlyDictionary<string, SavedDisk> Saved => _saved;

    /// <summary>The guests ignore an unplug, as a guest that never acknowledges one: a disk once held stays held and reported.</summary>
    public bool GuestsIgnoreUnplug { get; init; }

    public async Task<HttpStatusCode> RegisterAsync(string? joinToken = null)
    {
        var response = await _http.PostAsJsonAsync(NodeApi.RegisterPath,
            new RegisterRequest(name, joinToken ?? cloud.JoinToken, NodeApi.Version, new HostCapacity(cpus, memoryMiB, CpuMhz), "test:///fake"), CloudFixture.Json);
        if (response.IsSuccessStatusCode)
        {
            var registered = (await response.Content.ReadFromJsonAsync<RegisterResponse>(CloudFixture.Json))!;
            HostId = registered.HostId;
            Token = registered.NodeToken;
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        return response.StatusCode;
    }

    /// <summary>Registers and keeps syncing in the background until disposed or <see cref="StopAsync"/>.</summary>
    public async Task StartAsync()
    {
        Assert.Equal(HttpStatusCode.OK, await RegisterAsync());
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await SyncOnceAsync(wait: true, _stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Stops heartbeats as a crashed node would.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async Task<SyncResponse> SyncOnceAsync(bool wait, CancellationToken ct = default)
    {
        // As the real daemon: the waiting sync carries no report, reports go one at a time.
        var reports = _domains.Select(d => new DomainReport(d.Key, d.Value, AttachedVolumes: DisksOf(d.Key), Saved: SavedOf(d.Key))).ToList();
        var response = await _http.PostAsJsonAsync(NodeApi.SyncPath,
            new SyncRequest(_hash, wait, new HostCapacity(cpus, memoryMiB, CpuMhz), wait ? null : reports), CloudFixture.Json, ct);
        response.EnsureSuccessStatusCode();
        var desired = (await response.Content.ReadFromJsonAsync<SyncResponse>(CloudFixture.Json, ct))!;
        LastAnswerUnchanged = desired.Unchanged;
        if (desired.Unchanged)
        {
            // As the real daemon: a confirmation of the state held changes nothing.
            Assert.Empty(desired.Domains);
            Assert.Equal(_hash, desired.DesiredHash);
            return _desired ?? desired;
        }

        _hash = desired.DesiredHash;
        _desired = desired;
        var before = new Dictionary<string, DomainState>(_domains, StringComparer.Ordinal);
        var savedBefore = _saved.Count;
        Converge(desired);
        foreach (var booted in _domains.Where(d => d.Value == DomainState.Running && before.GetValueOrDefault(d.Key) != DomainState.Running))
        {
            await WriteBootConsoleAsync(booted.Key, ct);
        }

        if (_domains.Count != reports.Count || _saved.Count != savedBefore
            || reports.Any(r => _domains.GetValueOrDefault(r.InstanceId) != r.State || !r.AttachedVolumes!.SequenceEqual(DisksOf(r.InstanceId))))
        {
            // Report the change at once, as the real daemon does after acting.
            await SyncOnceAsync(wait: false, ct);
        }

        return desired;
    }

    private async Task WriteBootConsoleAsync(string instanceId, CancellationToken ct)
    {
        if (BootConsole?.Invoke(instanceId) is not { Length: > 0 } text)
        {
            return;
        }

        var offset = _consoleEnds.GetValueOrDefault(instanceId);
        await SendConsoleAsync(instanceId, offset, text, ct);
        _consoleEnds[instanceId] = offset + text.Length;
    }

    private void Converge(SyncResponse desired)
    {
        var wanted = desired.Domains.ToDictionary(d => d.InstanceId, StringComparer.Ordinal);
        foreach (var gone in _domains.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
        {
            _domains.Remove(gone);
            _disks.Remove(gone);
        }

        foreach (var d in desired.Domains)
        {
            var asked = (d.Disks ?? []).Select(disk => disk.VolumeId);
            _disks[d.InstanceId] = GuestsIgnoreUnplug && _disks.TryGetValue(d.InstanceId, out var held) ? [.. held.Union(asked)] : [.. asked];
            _domains[d.InstanceId] = d.Power switch
            {
                DesiredPower.Running => DomainState.Running,
                DesiredPower.Paused => DomainState.Paused,
                _ => DomainState.ShutOff,
            };
        }

        var saves = desired.Domains.SelectMany(d => (d.Saves ?? []).Select(save => (Domain: d.InstanceId, Save: save))).ToList();
        foreach (var gone in _saved.Keys.Where(id => !saves.Exists(a => a.Save.ImageId == id)).ToList())
        {
            _saved.TryRemove(gone, out _);
        }

        // As the real daemon: a hot save at once, a deferred one once the domain is shut off.
        foreach (var (domain, save) in saves)
        {
            if (!_saved.ContainsKey(save.ImageId) && (!save.Deferred || _domains[domain] == DomainState.ShutOff))
            {
                _saved[save.ImageId] = Save(domain, save);
            }
        }
    }

    private SavedDisk Save(string instanceId, DiskSave save)
    {
        if (SaveFailure is { } reason)
        {
            return new SavedDisk(save.ImageId, null, 0, reason);
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes("disk of " + instanceId);
        Directory.CreateDirectory(Path.GetDirectoryName(save.Path)!);
        File.WriteAllBytes(save.Path, bytes);
        return new SavedDisk(save.ImageId, Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes)), bytes.Length);
    }

    private List<SavedDisk>? SavedOf(string instanceId) =>
        _desired?.Domains.FirstOrDefault(d => d.InstanceId == instanceId)?.Saves?.Select(s => _saved.GetValueOrDefault(s.ImageId)).OfType<SavedDisk>().ToList() is { Count: > 0 } ended
            ? ended : null;

    private string[] DisksOf(string instanceId) => _disks.GetValueOrDefault(instanceId) ?? [];

    /// <summary>Sends console text of one of its instances, as the real daemon does while a guest prints.</summary>
    public async Task SendConsoleAsync(string instanceId, long offset, string text, CancellationToken ct = default)
    {
        var response = await _http.PostAsJsonAsync(NodeApi.ConsolePath, new ConsoleChunk(instanceId, offset, text), CloudFixture.Json, ct);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}
