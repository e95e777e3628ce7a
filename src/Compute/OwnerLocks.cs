using System.Collections.Concurrent;

namespace StandardsCloud.Compute;

/// <summary>One async lock per owner, for checks that must not interleave (quota before launch).</summary>
internal sealed class OwnerLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> HoldAsync(string owner, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(owner, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
