using StandardsCloud.Compute;

namespace StandardsCloud.Cdmi;

/// <summary>The site's CDMI face: its port, body limits and how callers are recognised.</summary>
public sealed record CdmiOptions
{
    /// <summary>The port whose requests are CDMI calls.</summary>
    public int Port { get; init; } = 8788;

    /// <summary>The most bytes of a CDMI JSON body beside its value (the value itself streams to a file).</summary>
    public long MaxJsonBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Finds the caller of an <c>Authorization</c> header value (HTTP Basic against the shared
    /// identity model), or null; the second argument names the interface.
    /// </summary>
    public required Func<string?, string, CancellationToken, Task<Actor?>> Authenticate { get; init; }
}
