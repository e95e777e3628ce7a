namespace StandardsCloud.Compute.Instances;

/// <summary>
/// What each owner request means for an instance: the events to append, or a refusal. Pure, so the
/// rules can be read and tested without a store.
/// </summary>
public static class InstanceCommands
{
    public static Outcome<IInstanceEvent[]> Terminate(Instance i, EventContext ctx) => i.State switch
    {
        InstanceState.Pending or InstanceState.Failed =>
            Ok(Intent(ctx, InstanceIntent.Terminate), Move(ctx, i.State, InstanceState.Done, "terminated")),
        InstanceState.Shutdown or InstanceState.Epilog when i.Intent == InstanceIntent.Terminate => Ok(),
        InstanceState.Shutdown => Ok(Intent(ctx, InstanceIntent.Terminate)),
        InstanceState.Done => Ok(),
        _ => Ok(Intent(ctx, InstanceIntent.Terminate), Move(ctx, i.State, InstanceState.Shutdown, "terminating")),
    };

    public static Outcome<IInstanceEvent[]> Stop(Instance i, EventContext ctx) => i.State switch
    {
        InstanceState.Stopped => Ok(),
        InstanceState.Shutdown when i.Intent == InstanceIntent.Stop => Ok(),
        InstanceState.Running or InstanceState.Boot or InstanceState.Suspended =>
            Ok(Intent(ctx, InstanceIntent.Stop), Move(ctx, i.State, InstanceState.Shutdown, "stopping")),
        _ => Refuse(i, "stopped"),
    };

    public static Outcome<IInstanceEvent[]> Start(Instance i, EventContext ctx) => i.State switch
    {
        InstanceState.Pending or InstanceState.Prolog or InstanceState.Boot or InstanceState.Running
            when i.Intent == InstanceIntent.Run => Ok(),
        InstanceState.Stopped =>
            Ok(Intent(ctx, InstanceIntent.Run), Move(ctx, i.State, InstanceState.Boot, "starting")),
        InstanceState.Shutdown when i.Intent == InstanceIntent.Stop =>
            Ok(Intent(ctx, InstanceIntent.Run), Move(ctx, i.State, InstanceState.Boot, "starting")),
        _ => Refuse(i, "started"),
    };

    public static Outcome<IInstanceEvent[]> Reboot(Instance i, EventContext ctx) => i.State switch
    {
        InstanceState.Running => Ok(new InstanceRebootRequested(ctx, i.RebootGeneration + 1)),
        _ => Refuse(i, "rebooted"),
    };

    public static Outcome<IInstanceEvent[]> Suspend(Instance i, EventContext ctx) => i.State switch
    {
        InstanceState.Suspended => Ok(),
        InstanceState.Running when i.Intent == InstanceIntent.Suspend => Ok(),
        InstanceState.Running => Ok(Intent(ctx, InstanceIntent.Suspend)),
        _ => Refuse(i, "suspended"),
    };

    public static Outcome<IInstanceEvent[]> Resume(Instance i, EventContext ctx) => i.State switch
    {
        InstanceState.Running when i.Intent == InstanceIntent.Run => Ok(),
        InstanceState.Suspended or InstanceState.Running => Ok(Intent(ctx, InstanceIntent.Run)),
        _ => Refuse(i, "resumed"),
    };

    private static InstanceIntentChanged Intent(EventContext ctx, InstanceIntent intent) => new(ctx, intent, null);

    private static InstanceTransitioned Move(EventContext ctx, InstanceState from, InstanceState to, string reason) =>
        new(ctx, from, to, reason);

    private static Outcome<IInstanceEvent[]> Ok(params IInstanceEvent[] events) => Outcome<IInstanceEvent[]>.Ok(events);

    private static Outcome<IInstanceEvent[]> Refuse(Instance i, string verb) =>
        Outcome<IInstanceEvent[]>.Fail(ComputeStatus.IncorrectState,
            $"instance {i.Id} is {i.State.ToString().ToLowerInvariant()} and cannot be {verb}");
}
