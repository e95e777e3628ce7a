using System.Collections.Concurrent;

namespace StandardsCloud.Compute;

/// <summary>
/// In-process wake-ups: a host's long-poll wakes when its desired state may have changed, the
/// scheduler wakes when instances wait. A missed signal only delays by one poll interval, so
/// several server replicas stay correct without sharing these.
/// </summary>
public sealed class CoreSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _hosts = new(StringComparer.Ordinal);
    private TaskCompletionSource _pending = NewSource();

    public void HostChanged(string hostId)
    {
        if (_hosts.TryRemove(hostId, out var source))
        {
            source.TrySetResult();
        }
    }

    /// <summary>True when <paramref name="hostId"/> changed, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitForHostAsync(string hostId, TimeSpan timeout, CancellationToken ct) =>
        WaitAsync(_hosts.GetOrAdd(hostId, _ => NewSource()).Task, timeout, ct);

    public void InstancesPending() => Interlocked.Exchange(ref _pending, NewSource()).TrySetResult();

    /// <summary>Completes when instances start waiting for a host, or after <paramref name="timeout"/>.</summary>
    public Task WaitForPendingAsync(TimeSpan timeout, CancellationToken ct) => WaitAsync(Volatile.Read(ref _pending).Task, timeout, ct);

    private static async Task<bool> WaitAsync(Task signal, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await signal.WaitAsync(timeout, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
