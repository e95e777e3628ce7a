using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Instances;

/// <summary>
/// Turns what a host reports about a domain into lifecycle moves of its instance, given what the
/// owner wants. Pure: the same report applied twice adds nothing the second time.
/// </summary>
public static class InstanceReconciliation
{
    public static IInstanceEvent[] Apply(Instance i, DomainState reported, string? reason, EventContext ctx)
    {
        if (!InstanceLifecycle.HoldsHost(i.State))
        {
            return [];
        }

        if (i.Intent == InstanceIntent.Terminate)
        {
            return reported is DomainState.Missing or DomainState.Failed ? Finish(i, ctx) : MoveTo(i, InstanceState.Shutdown, "terminating", ctx);
        }

        if (reported == DomainState.Failed)
        {
            return MoveTo(i, InstanceState.Failed, reason ?? "the host could not run the domain", ctx);
        }

        return (i.Intent, reported) switch
        {
            (_, DomainState.Preparing) when i.State == InstanceState.Unknown => MoveTo(i, InstanceState.Prolog, "host rebuilding the domain", ctx),
            (_, DomainState.Missing) when i.State is InstanceState.Prolog or InstanceState.Unknown => [],
            (_, DomainState.Missing) => MoveTo(i, InstanceState.Unknown, "domain missing on its host", ctx),

            (InstanceIntent.Run, DomainState.Running) => MoveTo(i, InstanceState.Running, null, ctx),
            (InstanceIntent.Run, DomainState.ShutOff) when i.State == InstanceState.Running =>
                GuestPoweredOff(i, ctx),
            (InstanceIntent.Run, DomainState.ShutOff) when i.State is InstanceState.Prolog or InstanceState.Unknown =>
                MoveTo(i, InstanceState.Boot, null, ctx),

            (InstanceIntent.Stop, DomainState.ShutOff) => MoveTo(i, InstanceState.Stopped, null, ctx),
            (InstanceIntent.Stop, DomainState.Running or DomainState.ShuttingDown) when i.State == InstanceState.Unknown =>
                MoveTo(i, InstanceState.Shutdown, "stopping", ctx),

            (InstanceIntent.Suspend, DomainState.Paused) => MoveTo(i, InstanceState.Suspended, null, ctx),
            (InstanceIntent.Suspend, DomainState.Running) when i.State == InstanceState.Unknown =>
                MoveTo(i, InstanceState.Running, null, ctx),
            _ => [],
        };
    }

    /// <summary>The domain is gone after a terminate: clean-up done, the instance is finished.</summary>
    private static IInstanceEvent[] Finish(Instance i, EventContext ctx)
    {
        var events = new List<IInstanceEvent>();
        var state = i.State;
        foreach (var next in new[] { InstanceState.Shutdown, InstanceState.Epilog, InstanceState.Done })
        {
            if (state != next && InstanceLifecycle.CanMove(state, next))
            {
                // A guest that powered itself off stays the reason to the end.
                var reason = i.StateReason == GuestPoweredOffReason ? GuestPoweredOffReason : next == InstanceState.Done ? "terminated" : null;
                events.Add(new InstanceTransitioned(ctx, state, next, reason));
                state = next;
            }
        }

        return [.. events];
    }

    /// <summary>Why an instance left running when its guest powered itself off.</summary>
    public const string GuestPoweredOffReason = "the guest powered itself off";

    // The owner's choice decides: stopped (the default), or terminated (the host then removes the domain).
    private static IInstanceEvent[] GuestPoweredOff(Instance i, EventContext ctx) => i.TerminateOnGuestShutdown
        ?
        [
            new InstanceIntentChanged(ctx, InstanceIntent.Terminate, GuestPoweredOffReason),
            new InstanceTransitioned(ctx, i.State, InstanceState.Shutdown, GuestPoweredOffReason),
        ]
        :
        [
            new InstanceIntentChanged(ctx, InstanceIntent.Stop, GuestPoweredOffReason),
            new InstanceTransitioned(ctx, i.State, InstanceState.Stopped, GuestPoweredOffReason),
        ];

    private static IInstanceEvent[] MoveTo(Instance i, InstanceState to, string? reason, EventContext ctx) =>
        i.State != to && InstanceLifecycle.CanMove(i.State, to) ? [new InstanceTransitioned(ctx, i.State, to, reason)] : [];
}
