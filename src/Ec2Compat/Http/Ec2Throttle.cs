using System.Threading.RateLimiting;

namespace StandardsCloud.Ec2Compat.Http;

/// <summary>
/// How many EC2 calls run at once, and how many may wait: a call beyond both is answered
/// <c>RequestLimitExceeded</c>, which EC2 clients back off from and retry, instead of crowding
/// the server's threads and the database.
/// </summary>
public sealed class Ec2Throttle(int concurrentCalls, int waitingCalls) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = concurrentCalls,
        QueueLimit = waitingCalls,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A turn to run one call; not acquired when too many are running and waiting.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    public void Dispose() => _limiter.Dispose();
}
