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

    /// <summary>An OpenSSH public key given at launch beside (or instead of) a key pair.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The host name the guest is given; null to let the site choose.</summary>
    public string? Hostname { get; set; }

    /// <summary>Base64 user data for the guest; null for none.</summary>
    public string? UserData { get; set; }

    public List<string> SecurityGroupIds { get; set; } = [];

    /// <summary>IPv4 address on the site's private network; null for instances made before addresses were given.</summary>
    public string? PrivateAddress { get; set; }

    /// <summary>True while the instance keeps <see cref="PrivateAddress"/> from others (until it is done or failed).</summary>
    public bool HoldsAddress { get; set; }

    /// <summary>Terminate requests are refused while this is true.</summary>
    public bool DisableApiTermination { get; set; }

    /// <summary>When the guest powers itself off, the instance is terminated rather than stopped.</summary>
    public bool TerminateOnGuestShutdown { get; set; }

    /// <summary>The owner's KEY → value pairs the guest finds in its <c>context.sh</c>.</summary>
    public Dictionary<string, string> ContextPairs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The owner's tags, key to value.</summary>
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

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
        UserData = e.Launch?.UserData,
        PublicKey = e.Launch?.PublicKey,
        Hostname = e.Launch?.Hostname,
        SecurityGroupIds = [.. e.Launch?.SecurityGroupIds ?? []],
        PrivateAddress = e.Launch?.PrivateAddress,
        HoldsAddress = e.Launch?.PrivateAddress is not null,
        DisableApiTermination = e.Launch?.DisableApiTermination ?? false,
        TerminateOnGuestShutdown = e.Launch?.TerminateOnGuestShutdown ?? false,
        Tags = e.Launch?.Tags is { } tags ? new(tags, StringComparer.Ordinal) : new(StringComparer.Ordinal),
        ContextPairs = e.Launch?.ContextPairs is { } pairs ? new(pairs, StringComparer.Ordinal) : new(StringComparer.Ordinal),
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
        HoldsAddress = PrivateAddress is not null && InstanceLifecycle.CountsForQuota(e.To);
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

    private void On(InstanceTypeChanged e)
    {
        InstanceType = e.InstanceType;
        Cpus = e.Cpus;
        MemoryMiB = e.MemoryMiB;
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceUserDataChanged e)
    {
        UserData = e.UserData;
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceHostnameChanged e)
    {
        Hostname = e.Hostname;
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceShutdownBehaviorChanged e)
    {
        TerminateOnGuestShutdown = e.Terminate;
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceTerminationProtectionChanged e)
    {
        DisableApiTermination = e.Disabled;
        UpdatedAt = e.Context.At;
    }

    private void On(InstanceTagsChanged e)
    {
        foreach (var key in e.Removed)
        {
            Tags.Remove(key);
        }

        foreach (var (key, value) in e.Set)
        {
            Tags[key] = value;
        }

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
            case InstanceTypeChanged resized: On(resized); break;
            case InstanceUserDataChanged userData: On(userData); break;
            case InstanceTerminationProtectionChanged protection: On(protection); break;
            case InstanceShutdownBehaviorChanged behavior: On(behavior); break;
            case InstanceHostnameChanged renamed: On(renamed); break;
            case InstanceTagsChanged tags: On(tags); break;
            case InstanceDiskSaveRequested or InstanceDiskSaveEnded: UpdatedAt = e.Context.At; break;
            default: throw new ArgumentException($"{e.GetType().Name} cannot follow the first event", nameof(e));
        }

        Version++;
    }
}
