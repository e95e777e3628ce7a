namespace StandardsCloud.Storage.Values;

/// <summary>
/// One writer at a time per object for changes that build on its current value (a byte-range
/// write copies the value it patches), and for the commits that replace that value, so no patch
/// is lost to another patch or to a whole new value committed meanwhile.
/// </summary>
internal sealed class ValueLocks
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string key, CancellationToken ct)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate(this, key);
                _gates[key] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(gate);
            throw;
        }

        return gate;
    }

    private void Leave(Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(gate.Key);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate(ValueLocks owner, string key) : IDisposable
    {
        public string Key { get; } = key;

        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        public void Dispose()
        {
            Semaphore.Release();
            owner.Leave(this);
        }
    }
}
