namespace StandardsCloud.NodeDaemon.Core;

/// <summary>
/// Exponential back-off with jitter, so a fleet of nodes waiting for a core that is starting does
/// not knock in step: 0.5 s, doubling, each delay scattered by ±25 % and never over 10 s.
/// </summary>
public sealed class Backoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _cap;
    private TimeSpan _next;

    public Backoff(TimeSpan first, TimeSpan cap)
    {
        _first = first;
        _cap = cap;
        _next = first;
    }

    public static Backoff ForCore() => new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    public TimeSpan Next()
    {
        var current = _next;
        _next = TimeSpan.FromTicks(Math.Min(_cap.Ticks, current.Ticks * 2));
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromTicks(Math.Min(_cap.Ticks, (long)(current.Ticks * jitter)));
    }

    public void Reset() => _next = _first;
}
