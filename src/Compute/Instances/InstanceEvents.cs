namespace StandardsCloud.Compute.Instances;

/// <summary>
/// Who caused an event, through which interface, and when. Every event on an instance's stream
/// carries one, so the stream alone is the instance's complete bookkeeping record.
/// </summary>
public sealed record EventContext(string Actor, string Via, DateTimeOffset At)
{
    public static EventContext Of(Actor actor, TimeProvider time) => new(actor.UserId, actor.Via, time.GetUtcNow());
}

/// <summary>An event on an instance's stream.</summary>
public interface IInstanceEvent
{
    EventContext Context { get; }

    /// <summary>One line saying what happened, for people reading the history.</summary>
    string Describe();
}

/// <summary>First event of every instance stream.</summary>
public sealed record InstanceRequested(
    EventContext Context,
    string InstanceId,
    string Owner,
    string ReservationId,
    int LaunchIndex,
    string ImageId,
    string InstanceType,
    int Cpus,
    long MemoryMiB,
    string? ClientToken,
    string? RequiredHost,
    string? KeyName = null,
    LaunchContext? Launch = null) : IInstanceEvent
{
    public string Describe() => $"requested {InstanceType} ({Cpus} CPU, {MemoryMiB} MiB) from image {ImageId}";
}

/// <summary>The scheduler chose a host.</summary>
public sealed record InstancePlaced(EventContext Context, string HostId) : IInstanceEvent
{
    public string Describe() => $"placed on host {HostId}";
}

/// <summary>The instance moved between lifecycle states.</summary>
public sealed record InstanceTransitioned(
    EventContext Context,
    InstanceState From,
    InstanceState To,
    string? Reason) : IInstanceEvent
{
    public string Describe() => Reason is null ? $"{From} → {To}" : $"{From} → {To}: {Reason}";
}

/// <summary>The owner (or the guest itself) changed what the instance should be.</summary>
public sealed record InstanceIntentChanged(EventContext Context, InstanceIntent Intent, string? Reason) : IInstanceEvent
{
    public string Describe() => Reason is null ? $"asked to {Intent}" : $"asked to {Intent}: {Reason}";
}

/// <summary>A reboot was asked; hosts reboot once per generation.</summary>
public sealed record InstanceRebootRequested(EventContext Context, int Generation) : IInstanceEvent
{
    public string Describe() => $"reboot #{Generation} asked";
}

/// <summary>
/// What an instance is launched with beyond its size and image: what the guest is told at boot,
/// the groups it belongs to and its address on the site's private network.
/// </summary>
/// <param name="UserData">The owner's user data, base64 as every protocol carries it; null for none.</param>
/// <param name="SecurityGroupIds">The owner's security groups the instance is a member of.</param>
/// <param name="PrivateAddress">Its IPv4 address on the site's private network.</param>
/// <param name="DisableApiTermination">When true, terminate requests are refused until it is cleared.</param>
/// <param name="Tags">The tags the owner launched it with.</param>
/// <param name="ContextPairs">The owner's KEY → value pairs for the guest's <c>context.sh</c>.</param>
/// <param name="TerminateOnGuestShutdown">When the guest powers itself off, terminate the instance instead of stopping it.</param>
public sealed record LaunchContext(
    string? UserData,
    IReadOnlyList<string> SecurityGroupIds,
    string? PrivateAddress,
    bool DisableApiTermination = false,
    IReadOnlyDictionary<string, string>? Tags = null,
    string? Hostname = null,
    string? PublicKey = null,
    IReadOnlyDictionary<string, string>? ContextPairs = null,
    bool TerminateOnGuestShutdown = false);

/// <summary>The owner gave the instance another host name; the guest takes it at its next boot.</summary>
public sealed record InstanceHostnameChanged(EventContext Context, string? Hostname) : IInstanceEvent
{
    public string Describe() => Hostname is null ? "host name cleared" : $"host name set to {Hostname}";
}

/// <summary>The owner resized a stopped instance.</summary>
public sealed record InstanceTypeChanged(EventContext Context, string InstanceType, int Cpus, long MemoryMiB) : IInstanceEvent
{
    public string Describe() => $"resized to {InstanceType} ({Cpus} CPU, {MemoryMiB} MiB)";
}

/// <summary>The owner replaced the user data of a stopped instance (null removes it).</summary>
public sealed record InstanceUserDataChanged(EventContext Context, string? UserData) : IInstanceEvent
{
    public string Describe() => UserData is null ? "user data removed" : $"user data replaced ({UserData.Length} base64 characters)";
}

/// <summary>The owner chose what the guest powering itself off does: stop the instance, or terminate it.</summary>
public sealed record InstanceShutdownBehaviorChanged(EventContext Context, bool Terminate) : IInstanceEvent
{
    public string Describe() => Terminate ? "a guest power-off now terminates the instance" : "a guest power-off now stops the instance";
}

/// <summary>The owner turned termination protection on or off.</summary>
public sealed record InstanceTerminationProtectionChanged(EventContext Context, bool Disabled) : IInstanceEvent
{
    public string Describe() => Disabled ? "termination protection on" : "termination protection off";
}

/// <summary>Tags were set (added or overwritten) and removed.</summary>
public sealed record InstanceTagsChanged(
    EventContext Context,
    IReadOnlyDictionary<string, string> Set,
    IReadOnlyList<string> Removed) : IInstanceEvent
{
    public string Describe() => (Set.Count, Removed.Count) switch
    {
        (> 0, 0) => $"tagged {string.Join(", ", Set.Keys)}",
        (0, _) => $"untagged {string.Join(", ", Removed)}",
        _ => $"tagged {string.Join(", ", Set.Keys)}; untagged {string.Join(", ", Removed)}",
    };
}

/// <summary>The owner asked for a copy of the instance's disk as a new image.</summary>
public sealed record InstanceDiskSaveRequested(EventContext Context, string ImageId, bool Deferred) : IInstanceEvent
{
    public string Describe() => $"disk to be saved as image {ImageId}" + (Deferred ? " once shut off" : "");
}

/// <summary>The host finished (or failed) a save of the instance's disk.</summary>
public sealed record InstanceDiskSaveEnded(EventContext Context, string ImageId, string? Error) : IInstanceEvent
{
    public string Describe() => Error is null ? $"disk saved as image {ImageId}" : $"disk save as image {ImageId} failed: {Error}";
}
