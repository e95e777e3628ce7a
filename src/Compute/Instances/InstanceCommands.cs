namespace StandardsCloud.Compute.Instances;

/// <summary>
/// What each owner request means for an instance: the events to append, or a refusal. Pure, so the
/// rules can be read and tested without a store.
/// </summary>
public static class InstanceCommands
{
    public static Outcome<IInstanceEvent[]> Terminate(Instance i, EventContext ctx) => i.State switch
    {
        not InstanceState.Done when i.DisableApiTermination => Outcome<IInstanceEvent[]>.Fail(ComputeStatus.NotPermitted,
            $"The instance '{i.Id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again."),
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
        // Unknown shows as running to clients; the host stops the domain when it answers again.
        InstanceState.Running or InstanceState.Boot or InstanceState.Suspended or InstanceState.Unknown =>
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

    /// <summary>A new size takes effect at the next start, so only a stopped instance changes it.</summary>
    public static Outcome<IInstanceEvent[]> Resize(Instance i, EventContext ctx, Catalog.InstanceType type) => i.State switch
    {
        _ when i.InstanceType == type.Name => Ok(),
        InstanceState.Stopped => Ok(new InstanceTypeChanged(ctx, type.Name, type.Cpus, type.MemoryMiB)),
        _ => RefuseUnlessStopped(i),
    };

    /// <summary>The guest reads its user data at boot, so only a stopped instance changes it.</summary>
    public static Outcome<IInstanceEvent[]> ReplaceUserData(Instance i, EventContext ctx, string? userData) => i.State switch
    {
        _ when i.UserData == userData => Ok(),
        InstanceState.Stopped => Ok(new InstanceUserDataChanged(ctx, userData)),
        _ => RefuseUnlessStopped(i),
    };

    /// <summary>A host name may change in any state but done; the guest takes it at its next boot.</summary>
    public static Outcome<IInstanceEvent[]> Rename(Instance i, EventContext ctx, string? hostname) => i.State switch
    {
        _ when i.Hostname == hostname => Ok(),
        InstanceState.Done => Refuse(i, "renamed"),
        _ => Ok(new InstanceHostnameChanged(ctx, hostname)),
    };

    public static Outcome<IInstanceEvent[]> ChangeShutdownBehavior(Instance i, EventContext ctx, bool terminate) => i switch
    {
        _ when i.TerminateOnGuestShutdown == terminate => Ok(),
        { State: InstanceState.Done } => Refuse(i, "changed"),
        _ => Ok(new InstanceShutdownBehaviorChanged(ctx, terminate)),
    };

    public static Outcome<IInstanceEvent[]> ProtectFromTermination(Instance i, EventContext ctx, bool disabled) =>
        i.DisableApiTermination == disabled ? Ok() : Ok(new InstanceTerminationProtectionChanged(ctx, disabled));

    /// <summary>Sets and removes tags; removals name a key, or a key and the only value it may have to go.</summary>
    public static Outcome<IInstanceEvent[]> Retag(Instance i, EventContext ctx, Tags.TagChange change)
    {
        var (set, removed) = change.Against(i.Tags);
        if (set.Count == 0 && removed.Count == 0)
        {
            return Ok();
        }

        return change.Exceeds(i.Tags) is { } limit
            ? Outcome<IInstanceEvent[]>.Fail(ComputeStatus.QuotaExceeded, limit)
            : Ok(new InstanceTagsChanged(ctx, set, removed));
    }

    private static InstanceIntentChanged Intent(EventContext ctx, InstanceIntent intent) => new(ctx, intent, null);

    private static InstanceTransitioned Move(EventContext ctx, InstanceState from, InstanceState to, string reason) =>
        new(ctx, from, to, reason);

    private static Outcome<IInstanceEvent[]> Ok(params IInstanceEvent[] events) => Outcome<IInstanceEvent[]>.Ok(events);

    private static Outcome<IInstanceEvent[]> RefuseUnlessStopped(Instance i) =>
        Outcome<IInstanceEvent[]>.Fail(ComputeStatus.IncorrectState, $"The instance '{i.Id}' is not in the 'stopped' state.");

    private static Outcome<IInstanceEvent[]> Refuse(Instance i, string verb) =>
        Outcome<IInstanceEvent[]>.Fail(ComputeStatus.IncorrectState,
            $"instance {i.Id} is {i.State.ToString().ToLowerInvariant()} and cannot be {verb}");
}
