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
    string? KeyName = null) : IInstanceEvent
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
