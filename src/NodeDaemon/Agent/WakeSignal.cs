namespace StandardsCloud.NodeDaemon.Agent;

/// <summary>
/// A coalescing wake-up: any number of <see cref="Set"/> calls before the waiter runs count as one,
/// which turns a burst of libvirt events into a single pass.
/// </summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: the waiter will run once for all of them.
        }
    }

    /// <summary>Waits for a set, or until <paramref name="timeout"/> passes; true when set.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);
}
