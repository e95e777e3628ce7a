namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>virDomainEventType, value for value.</summary>
public enum LifecycleEventKind
{
    Defined = 0,
    Undefined = 1,
    Started = 2,
    Suspended = 3,
    Resumed = 4,
    Stopped = 5,
    Shutdown = 6,
    PmSuspended = 7,
    Crashed = 8,
}

/// <summary>A lifecycle event for one domain; <see cref="Detail"/> is the kind-specific libvirt detail code.</summary>
public sealed record LifecycleEvent(string DomainName, LifecycleEventKind Kind, int Detail);
