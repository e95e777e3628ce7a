namespace StandardsCloud.Compute;

/// <summary>
/// One holder at a time per key (an owner, or an owner and a client token). A key's gate exists
/// only while someone holds or waits for it, so keys used once leave nothing behind.
/// </summary>
internal sealed class OwnerLocks
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> HoldAsync(string key, CancellationToken ct)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                _gates[key] = gate = new Gate();
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }

        return new Release(this, key, gate);
    }

    private void Leave(string key, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Release(OwnerLocks locks, string key, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                locks.Leave(key, gate);
            }
        }
    }
}
