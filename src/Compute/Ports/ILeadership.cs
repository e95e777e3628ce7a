namespace StandardsCloud.Compute.Ports;

/// <summary>
/// Who runs the singletons (scheduler, heartbeat monitor) when several server replicas share one
/// database: exactly one holder at a time, and a new one takes over when the holder goes away.
/// </summary>
public interface ILeadership
{
    /// <summary>True while this process leads; tries to become leader when it does not.</summary>
    Task<bool> TryLeadAsync(CancellationToken ct);
}
