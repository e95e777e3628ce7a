namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>
/// What differs between the libvirt test driver and a real QEMU host: domain type, disks,
/// console files, undefine flags and how long a guest gets to power off by itself.
/// </summary>
public sealed record HypervisorFlavour(
    bool IsTestDriver,
    string DomainType,
    TimeSpan ShutdownGrace,
    Libvirt.UndefineOptions UndefineOptions)
{
    /// <summary>The host bridge QEMU guests get a network interface on; none when null.</summary>
    public string? Bridge { get; init; }

    /// <summary>
    /// The node that owns the domains it defines (its name, recorded in each domain's metadata).
    /// Several nodes may share one libvirt: each leaves alone the domains another one recorded.
    /// </summary>
    public string? Owner { get; init; }

    /// <summary>The test driver: no disks, instant state changes, so no grace is needed.</summary>
    public static HypervisorFlavour TestDriver(TimeSpan? grace = null) => new(
        IsTestDriver: true,
        DomainType: "test",
        ShutdownGrace: grace ?? TimeSpan.Zero,
        // The test driver refuses the NVRAM and checkpoint flags.
        Libvirt.UndefineOptions.ManagedSave | Libvirt.UndefineOptions.SnapshotsMetadata);

    /// <summary>QEMU under TCG, or KVM when a probe showed it boots guests on this host.</summary>
    public static HypervisorFlavour Qemu(bool kvm, TimeSpan? grace = null) => new(
        IsTestDriver: false,
        DomainType: kvm ? "kvm" : "qemu",
        ShutdownGrace: grace ?? TimeSpan.FromSeconds(60),
        Libvirt.UndefineOptions.ManagedSave | Libvirt.UndefineOptions.SnapshotsMetadata
            | Libvirt.UndefineOptions.Nvram | Libvirt.UndefineOptions.CheckpointsMetadata);

    /// <summary>Picks the flavour from the connection URI: <c>test://</c> means the test driver.</summary>
    public static HypervisorFlavour ForUri(string uri, bool kvm, TimeSpan? grace) =>
        uri.StartsWith("test:", StringComparison.OrdinalIgnoreCase) ? TestDriver(grace) : Qemu(kvm, grace);
}
