using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Agent;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Core;

/// <summary>How a session with the core ended.</summary>
public enum SessionEnd
{
    /// <summary>The daemon is stopping.</summary>
    Stopped,
    /// <summary>The core refused the node for good (bad join token, other protocol version).</summary>
    Refused,
}

/// <summary>
/// The node's side of the protocol: register (retrying while the core is away), then keep one
/// long-poll sync outstanding for desired state while pushing every report change at once with a
/// non-waiting sync, one after the other. A 401 on sync means the core forgot the node: register again.
/// </summary>
public sealed class NodeSession(
    CoreClient client,
    NodeAgent agent,
    RegisterRequest registration,
    TimeProvider time,
    ILogger logger,
    Func<NodeSession, CancellationToken, Task>? companion = null)
{
    // Lets a burst of reports (a hundred domains starting) leave as one request.
    private static readonly TimeSpan ReportBatch = TimeSpan.FromMilliseconds(50);

    private volatile RegisterResponse? _registered;

    /// <summary>The current bearer token, or null while not registered.</summary>
    public string? Token => _registered?.NodeToken;

    public CoreClient Client => client;

    public async Task<SessionEnd> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var registered = await RegisterAsync(cancellationToken).ConfigureAwait(false);
                if (registered is null)
                {
                    return SessionEnd.Refused;
                }

                _registered = registered;

                // A new session starts with a full report, whatever changed before it.
                agent.ReportChanged.Set();
                using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var loops = new List<Task<bool>> { PollAsync(registered, session.Token), PushAsync(registered, session.Token) };
                if (companion is not null)
                {
                    loops.Add(RunCompanionAsync(companion, session.Token));
                }

                // Each loop ends early only when the core refused the token.
                await Task.WhenAny(loops).ConfigureAwait(false);
                await session.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(loops).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                _registered = null;
                logger.Reregistering();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SessionEnd.Stopped;
        }
    }

    /// <summary>The registration, or null when the core refused it for good.</summary>
    private async Task<RegisterResponse?> RegisterAsync(CancellationToken cancellationToken)
    {
        var backoff = Backoff.ForCore();
        while (true)
        {
            var answer = await client.RegisterAsync(registration, cancellationToken).ConfigureAwait(false);
            switch (answer.Kind)
            {
                case CoreAnswerKind.Ok when answer.IsOk:
                    logger.Registered(client.Core, answer.Value.HostId);
                    return answer.Value;
                case CoreAnswerKind.Unauthorized:
                    logger.JoinTokenRefused(answer.Status);
                    return null;
                case CoreAnswerKind.Refused:
                    logger.RegistrationRefused(answer.Status, answer.Detail);
                    return null;
                default:
                    var delay = backoff.Next();
                    logger.CoreUnavailable(client.Core, Describe(answer.Status, answer.Detail), (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>The long-poll; returns true when the token was refused.</summary>
    private async Task<bool> PollAsync(RegisterResponse registered, CancellationToken cancellationToken)
    {
        var backoff = Backoff.ForCore();
        // The core holds a waiting sync up to one heartbeat; allow that plus slack before giving up on it.
        var patience = TimeSpan.FromSeconds(Math.Max(1, registered.HeartbeatSeconds) * 2 + 10);
        try
        {
            while (true)
            {
                using var timeout = new CancellationTokenSource(patience, time);
                using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                var answer = await client.SyncAsync(Request(wait: true, report: false), registered.NodeToken, call.Token).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (await HandleAsync(answer, backoff, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Sends each report change without waiting; returns true when the token was refused.</summary>
    private async Task<bool> PushAsync(RegisterResponse registered, CancellationToken cancellationToken)
    {
        var backoff = Backoff.ForCore();
        try
        {
            while (true)
            {
                await agent.ReportChanged.WaitAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(ReportBatch, time, cancellationToken).ConfigureAwait(false);
                var answer = await client.SyncAsync(Request(wait: false, report: true), registered.NodeToken, cancellationToken)
                    .ConfigureAwait(false);
                if (!answer.IsOk)
                {
                    // Not delivered: make sure it goes out again after the pause.
                    agent.ReportChanged.Set();
                }

                if (await HandleAsync(answer, backoff, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> RunCompanionAsync(Func<NodeSession, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(this, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return false;
    }

    /// <summary>Applies a good answer, pauses after a bad one; true when the node must register again.</summary>
    private async Task<bool> HandleAsync(CoreAnswer<SyncResponse> answer, Backoff backoff, CancellationToken cancellationToken)
    {
        if (answer.IsOk)
        {
            backoff.Reset();
            agent.ApplyDesired(answer.Value);
            return false;
        }

        if (answer.Kind == CoreAnswerKind.Unauthorized)
        {
            return true;
        }

        var delay = backoff.Next();
        logger.SyncFailed(Describe(answer.Status, answer.Detail), (long)delay.TotalMilliseconds);
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        return false;
    }

    // Reports ride only on the push loop, which sends one at a time: they reach the core in order.
    private SyncRequest Request(bool wait, bool report) =>
        new(agent.DesiredHash, wait, registration.Capacity, report ? agent.Report : null);

    private static string Describe(int status, string detail) =>
        status == 0 ? detail : string.IsNullOrEmpty(detail) ? $"HTTP {status}" : $"HTTP {status}: {detail}";
}
