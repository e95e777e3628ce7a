using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Context;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Agent;

/// <summary>Carries out the steps the reconciler planned for one domain, against libvirt and the disk.</summary>
public sealed partial class ActionRunner(
    VirtConnection connection,
    HypervisorFlavour flavour,
    DomainLayout layout,
    ImageCache images,
    ConcurrentDictionary<string, int> appliedGenerations,
    ConcurrentDictionary<string, SavedDisk> saved,
    ILogger logger,
    Networking.GuestFilters? filters = null)
{
    /// <summary>
    /// Runs the steps in order and stops at the first failure, which it names. A disk step that
    /// fails is logged and left for a later try: it must not fail a guest that runs well without it.
    /// </summary>
    public async Task<Outcome> RunAsync(IReadOnlyList<DomainAction> steps, CancellationToken cancellationToken)
    {
        VirtDomain? domain = null;
        try
        {
            foreach (var step in steps)
            {
                logger.Acting(step.Kind, step.InstanceId);
                Outcome outcome;
                if (step.Kind == ActionKind.Define)
                {
                    var defined = await DefineAsync(step, cancellationToken).ConfigureAwait(false);
                    outcome = defined.IsOk ? Outcome.Ok() : Outcome.Fail(defined.Error);
                    domain = defined.IsOk ? defined.Value : null;
                }
                else
                {
                    if (domain is null)
                    {
                        var found = connection.Lookup(DomainName.For(step.InstanceId));
                        if (!found.IsOk)
                        {
                            return Outcome.Fail($"{step.Kind} {step.InstanceId}: {found.Error}");
                        }

                        domain = found.Value;
                    }

                    outcome = await ApplyAsync(step, domain, cancellationToken).ConfigureAwait(false);
                }

                if (!outcome.IsOk && step.VolumeId is not null)
                {
                    logger.DiskChangeFailed(step.Kind, step.VolumeId, step.InstanceId, outcome.Error);
                    continue;
                }

                if (!outcome.IsOk)
                {
                    return Outcome.Fail($"{step.Kind} {step.InstanceId}: {outcome.Error}");
                }
            }

            return Outcome.Ok();
        }
        finally
        {
            domain?.Dispose();
        }
    }

    private async Task<Outcome<VirtDomain>> DefineAsync(DomainAction step, CancellationToken cancellationToken)
    {
        var desired = step.Desired!;
        if (DiskXml.Check(desired.Disks ?? []) is { } badDisk)
        {
            return Outcome<VirtDomain>.Fail(badDisk);
        }

        var image = await images.GetAsync(desired.Image, cancellationToken).ConfigureAwait(false);
        if (!image.IsOk)
        {
            return Outcome<VirtDomain>.Fail(image.Error);
        }

        var direct = await FetchBootAsync(desired.Image.Boot, cancellationToken).ConfigureAwait(false);
        if (!direct.IsOk)
        {
            return Outcome<VirtDomain>.Fail(direct.Error);
        }

        foreach (var disk in desired.Disks ?? [])
        {
            var fetched = await FetchAsync(disk, cancellationToken).ConfigureAwait(false);
            if (!fetched.IsOk)
            {
                return Outcome<VirtDomain>.Fail(fetched.Error);
            }
        }

        if (!flavour.IsTestDriver)
        {
            Directory.CreateDirectory(layout.ConsolesDir);
            var overlay = await OverlayDisk.CreateAsync(image.Value, layout.OverlayPath(desired.InstanceId), cancellationToken)
                .ConfigureAwait(false);
            if (!overlay.IsOk)
            {
                return Outcome<VirtDomain>.Fail(overlay.Error);
            }

            var context = await EnsureContextAsync(desired, cancellationToken).ConfigureAwait(false);
            if (!context.IsOk)
            {
                return Outcome<VirtDomain>.Fail(context.Error);
            }
        }

        // The interface names its filter, so the filter comes first.
        if (filters?.Ensure(desired) is { IsOk: false } unfiltered)
        {
            return Outcome<VirtDomain>.Fail(unfiltered.Error);
        }

        // A new domain starts at the current generation: there is nothing older to reboot from.
        var defined = connection.Define(DomainXml.Build(desired, flavour, layout, desired.RebootGeneration, direct.Value));
        if (defined.IsOk)
        {
            appliedGenerations[desired.InstanceId] = desired.RebootGeneration;
        }

        return defined;
    }

    private async Task<Outcome> ApplyAsync(DomainAction step, VirtDomain domain, CancellationToken cancellationToken) => step.Kind switch
    {
        ActionKind.Resize => Resize(step, domain),
        ActionKind.Start => await StartAsync(step, domain, cancellationToken).ConfigureAwait(false),
        ActionKind.AttachDisk => await AttachDiskAsync(step, domain, cancellationToken).ConfigureAwait(false),
        ActionKind.DetachDisk => DetachDisk(step, domain),
        ActionKind.SaveDisk => await SaveDiskAsync(step, cancellationToken).ConfigureAwait(false),
        ActionKind.Shutdown => domain.Shutdown(),
        ActionKind.Destroy => Destroy(domain),
        ActionKind.Undefine => Undefine(step, domain),
        ActionKind.Suspend => domain.Suspend(),
        ActionKind.Resume => domain.Resume(),
        ActionKind.Reboot => Reboot(step, domain),
        _ => Outcome.Fail($"unexpected step {step.Kind}"),
    };

    /// <summary>
    /// Rewrites the definition libvirt holds rather than building a new one, so the domain keeps
    /// its overlay (the guest's data), its metadata and whatever libvirt assigned; no image is
    /// fetched and no disk is created.
    /// </summary>
    private Outcome Resize(DomainAction step, VirtDomain domain)
    {
        var desired = step.Desired!;
        var definition = domain.GetXml(DomainXmlOptions.Inactive | DomainXmlOptions.Secure);
        if (!definition.IsOk)
        {
            return Outcome.Fail(definition.Error);
        }

        var redefined = connection.Define(DomainXml.Resize(definition.Value, desired.Cpus, desired.MemoryMiB));
        if (!redefined.IsOk)
        {
            return Outcome.Fail(redefined.Error);
        }

        using var resized = redefined.Value;
        var info = resized.GetInfo();
        if (!info.IsOk)
        {
            return Outcome.Fail(info.Error);
        }

        // A size libvirt adjusts (alignment, limits) would be planned again after every pass;
        // failing names the problem and waits for the core to ask for something else.
        var (cpus, memoryMiB) = (info.Value.VirtualCpus, info.Value.MaxMemoryMiB);
        if (info.Value.State == VirtDomainState.ShutOff && (cpus != desired.Cpus || memoryMiB != desired.MemoryMiB))
        {
            return Outcome.Fail(
                $"asked for {desired.Cpus} vCPUs and {desired.MemoryMiB} MiB, libvirt holds {cpus} vCPUs and {memoryMiB} MiB");
        }

        logger.Resized(step.InstanceId, desired.Cpus, desired.MemoryMiB);
        return Outcome.Ok();
    }

    /// <summary>
    /// A start is also a fresh boot, so it settles any reboot the core asked for meanwhile, and
    /// the guest reads its context afresh: the context disk is brought up to date first.
    /// </summary>
    private async Task<Outcome> StartAsync(DomainAction step, VirtDomain domain, CancellationToken cancellationToken)
    {
        if (!flavour.IsTestDriver)
        {
            var context = await EnsureContextAsync(step.Desired!, cancellationToken).ConfigureAwait(false);
            if (!context.IsOk)
            {
                return context;
            }
        }

        // A guest never starts without its filter (a node that restarted, a filter removed by hand).
        if (filters?.Ensure(step.Desired!) is { IsOk: false } unfiltered)
        {
            return unfiltered;
        }

        var generation = step.Desired!.RebootGeneration;
        if (!appliedGenerations.TryGetValue(step.InstanceId, out var applied) || applied != generation)
        {
            var recorded = domain.SetMetadata(
                DomainMetadata.ElementText(generation, flavour.Owner), DomainMetadata.Prefix, DomainMetadata.NamespaceUri, ModificationImpact.Config);
            if (!recorded.IsOk)
            {
                return recorded;
            }
        }

        var started = domain.Start();
        if (started.IsOk)
        {
            appliedGenerations[step.InstanceId] = generation;
        }

        return started;
    }

    private Outcome Reboot(DomainAction step, VirtDomain domain)
    {
        var rebooted = domain.Reboot();
        if (!rebooted.IsOk)
        {
            return rebooted;
        }

        // Recorded after the reboot: a crash in between reboots once more rather than never.
        var generation = step.Desired!.RebootGeneration;
        appliedGenerations[step.InstanceId] = generation;
        return domain.SetMetadata(
            DomainMetadata.ElementText(generation, flavour.Owner),
            DomainMetadata.Prefix,
            DomainMetadata.NamespaceUri,
            ModificationImpact.Live | ModificationImpact.Config);
    }

    /// <summary>
    /// Writes the domain's disk as an image and keeps how it ended for the report. A failed save
    /// fails the image, not the domain: the guest runs on either way.
    /// </summary>
    private async Task<Outcome> SaveDiskAsync(DomainAction step, CancellationToken cancellationToken)
    {
        var desired = step.Desired!;
        if (desired.Saves?.FirstOrDefault(s => s.ImageId == step.ImageId) is not { } save)
        {
            return Outcome.Ok();
        }

        // The test driver runs no guest and writes nothing, so its disk is the cached image itself.
        var (source, format) = flavour.IsTestDriver
            ? (layout.ImagePath(desired.Image.Sha1), "raw")
            : (layout.OverlayPath(desired.InstanceId), "qcow2");
        var ended = await DiskSaver.SaveAsync(source, format, save, cancellationToken).ConfigureAwait(false);
        saved[save.ImageId] = ended;
        if (ended.Error is { } error)
        {
            logger.SaveFailed(step.InstanceId, save.ImageId, error);
        }
        else
        {
            logger.Saved(step.InstanceId, save.ImageId, ended.Bytes);
        }

        return Outcome.Ok();
    }

    /// <summary>A guest that powered off by itself in the meantime is as good as destroyed.</summary>
    private static Outcome Destroy(VirtDomain domain)
    {
        var destroyed = domain.Destroy();
        if (!destroyed.IsOk && domain.GetState() is { IsOk: true, Value: VirtDomainState.ShutOff })
        {
            return Outcome.Ok();
        }

        return destroyed;
    }

    private Outcome Undefine(DomainAction step, VirtDomain domain)
    {
        var undefined = domain.Undefine(flavour.UndefineOptions);
        if (!undefined.IsOk)
        {
            return undefined;
        }

        appliedGenerations.TryRemove(step.InstanceId, out _);
        if (filters?.Remove(step.InstanceId) is { IsOk: false } kept)
        {
            return Outcome.Fail($"undefined, but its filter remains: {kept.Error}");
        }

        try
        {
            File.Delete(layout.OverlayPath(step.InstanceId));
            File.Delete(layout.ConsolePath(step.InstanceId));
            ContextDisk.Remove(layout.ContextPath(step.InstanceId));
            return Outcome.Ok();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Outcome.Fail($"undefined, but its files remain: {e.Message}");
        }
    }
}
