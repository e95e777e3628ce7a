namespace StandardsCloud.Compute.Instances;

/// <summary>
/// The lifecycle of an instance, after OpenNebula's and StratusLab's: pending → prolog → boot →
/// running → shutdown → epilog → done, with stopped, suspended, unknown and failed beside.
/// </summary>
public enum InstanceState
{
    /// <summary>Accepted, waiting for a host with room.</summary>
    Pending,
    /// <summary>Placed; the host is fetching the image and building the domain.</summary>
    Prolog,
    /// <summary>The domain is defined and starting.</summary>
    Boot,
    Running,
    /// <summary>Going down, to be stopped or terminated.</summary>
    Shutdown,
    /// <summary>The domain is gone; the host is cleaning up.</summary>
    Epilog,
    /// <summary>Terminated. Final.</summary>
    Done,
    /// <summary>Powered off, kept defined on its host.</summary>
    Stopped,
    /// <summary>Paused in memory on its host.</summary>
    Suspended,
    /// <summary>The host does not answer or the domain is missing; it recovers when the host reports.</summary>
    Unknown,
    /// <summary>Could not be built or run; the reason is recorded.</summary>
    Failed,
}

/// <summary>What the owner wants an instance to be; the desired state sent to hosts follows it.</summary>
public enum InstanceIntent
{
    Run,
    Stop,
    Suspend,
    Terminate,
}
