namespace StandardsCloud.Compute.Instances;

/// <summary>
/// An instance's current state, projected from its event stream: <see cref="From"/> and
/// <see cref="When"/> are the projection and the only way the state changes.
/// </summary>
public sealed class Instance
{
    public string Id { get; set; } = "";

    /// <summary>Number of events applied; the expected version for the next append.</summary>
    public long Version { get; set; }

    public string Owner { get; set; } = "";
    public string ReservationId { get; set; } = "";
    public int LaunchIndex { get; set; }
    public string ImageId { get; set; } = "";
    public string InstanceType { get; set; } = "";
    public int Cpus { get; set; }
    public long MemoryMiB { get; set; }
    public string? ClientToken { get; set; }
    public string? RequiredHost { get; set; }

    /// <summary>The owner's key pair whose public key the instance receives.</summary>
    public string? KeyName { get; set; }

    public InstanceState State { get; set; }
    public InstanceIntent Intent { get; set; }
    public string? StateReason { get; set; }
    public string? HostId { get; set; }
    public int RebootGeneration { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>True while the instance counts against its host's capacity.</summary>
    public bool HoldsHost { get; set; }

    /// <summary>True while the instance counts against its owner's quota.</summary>
    public bool CountsForQuota { get; set; }

    public static Instance From(InstanceRequested e) => new()
    {
        Id = e.InstanceId,
        Owner = e.Owner,
        ReservationId = e.ReservationId,
        LaunchIndex = e.LaunchIndex,
        ImageId = e.ImageId,
        InstanceType = e.InstanceType,
        Cpus = e.Cpus,
        MemoryMiB = e.MemoryMiB,
        ClientToken = e.ClientToken,
        RequiredHost = e.RequiredHost,
        KeyName = e.KeyName,
        State = InstanceState.Pending,
        Intent = InstanceIntent.Run,
        RequestedAt = e.Context.At,
        UpdatedAt = e.Context.At,
        HoldsHost = false,
        CountsForQuota = true,
    };

    private void On(InstancePlaced e)
    {
        HostId = e.HostId;
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceTransitioned e)
    {
        State = e.To;
        StateReason = e.Reason;
        HoldsHost = InstanceLifecycle.HoldsHost(e.To);
        CountsForQuota = InstanceLifecycle.CountsForQuota(e.To);
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceIntentChanged e)
    {
        Intent = e.Intent;
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceRebootRequested e)
    {
        RebootGeneration = e.Generation;
        UpdatedAt = e.Context.At;
    }

    /// <summary>Applies an event of any kind in memory, as the projection does in the store.</summary>
    public void When(IInstanceEvent e)
    {
        switch (e)
        {
            case InstancePlaced placed: On(placed); break;
            case InstanceTransitioned moved: On(moved); break;
            case InstanceIntentChanged intent: On(intent); break;
            case InstanceRebootRequested reboot: On(reboot); break;
            default: throw new ArgumentException($"{e.GetType().Name} cannot follow the first event", nameof(e));
        }

        Version++;
    }
}
