using System.Xml.Linq;
using StandardsCloud.NodeDaemon.Context;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Agent;

/// <summary>The steps that deal with a domain's context disk and volumes.</summary>
public sealed partial class ActionRunner
{
    /// <summary>Renders the domain's context and builds its context disk when the content changed.</summary>
    private async Task<Outcome> EnsureContextAsync(DesiredDomain desired, CancellationToken cancellationToken)
    {
        var seed = ContextFiles.Render(desired.InstanceId, desired.Context);
        if (!seed.IsOk)
        {
            return Outcome.Fail($"context: {seed.Error}");
        }

        return await ContextDisk.EnsureAsync(layout.ContextPath(desired.InstanceId), seed.Value, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Brings a directly booted image's kernel and initrd into the image cache (each checked by its
    /// SHA-1, as images are) and answers where they are; null for an image that boots from its disk.
    /// </summary>
    private async Task<Outcome<BootFiles?>> FetchBootAsync(DirectBoot? boot, CancellationToken cancellationToken)
    {
        if (boot is null)
        {
            return Outcome<BootFiles?>.Ok(null);
        }

        var kernel = await images.GetAsync(boot.Kernel, cancellationToken).ConfigureAwait(false);
        if (!kernel.IsOk)
        {
            return Outcome<BootFiles?>.Fail($"kernel: {kernel.Error}");
        }

        string? initrd = null;
        if (boot.Initrd is { } source)
        {
            var fetched = await images.GetAsync(source, cancellationToken).ConfigureAwait(false);
            if (!fetched.IsOk)
            {
                return Outcome<BootFiles?>.Fail($"initrd: {fetched.Error}");
            }

            initrd = fetched.Value;
        }

        return Outcome<BootFiles?>.Ok(new BootFiles(kernel.Value, initrd, boot.CommandLine));
    }

    /// <summary>Brings an image-backed disk's image into the cache, as the boot image is; a file needs nothing.</summary>
    private async Task<Outcome> FetchAsync(DesiredDisk disk, CancellationToken cancellationToken)
    {
        if (disk.Source is not { Kind: DiskSourceKind.Image, Image: { } image })
        {
            return Outcome.Ok();
        }

        var fetched = await images.GetAsync(image, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsOk)
        {
            return Outcome.Fail($"volume {disk.VolumeId}: {fetched.Error}");
        }

        return fetched.Value == layout.ImagePath(image.Sha1)
            ? Outcome.Ok()
            : Outcome.Fail($"volume {disk.VolumeId}: the image cache keeps {fetched.Value}, not {layout.ImagePath(image.Sha1)}");
    }

    private async Task<Outcome> AttachDiskAsync(DomainAction step, VirtDomain domain, CancellationToken cancellationToken)
    {
        var disk = step.Desired?.Disks?.FirstOrDefault(d => d.VolumeId == step.VolumeId);
        if (disk is null)
        {
            return Outcome.Fail($"volume {step.VolumeId} is not among the desired disks");
        }

        if (DiskXml.Check(disk) is { } problem)
        {
            return Outcome.Fail(problem);
        }

        var fetched = await FetchAsync(disk, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsOk)
        {
            return fetched;
        }

        var element = DiskXml.VolumeDisk(disk, layout);
        return ChangeDisk(step, domain, attach: true, _ => element.ToString(SaveOptions.DisableFormatting),
            definition => DiskXml.WithVolume(definition, element));
    }

    private Outcome DetachDisk(DomainAction step, VirtDomain domain)
    {
        var volumeId = step.VolumeId!;
        return ChangeDisk(step, domain, attach: false, xml => DiskXml.FindVolume(xml, volumeId)!,
            definition => DiskXml.WithoutVolume(definition, volumeId));
    }

    /// <summary>
    /// Changes one volume where it still differs: a running guest by hot-plug (its definition along
    /// with it), a definition alone by redefining the domain from what libvirt holds, which keeps
    /// everything else. A driver that cannot hot-plug (the test driver) gets the definition only.
    /// </summary>
    /// <param name="device">The disk element for libvirt, given the XML of the definition that holds (or lacks) it.</param>
    /// <param name="redefine">The definition with the change made.</param>
    private Outcome ChangeDisk(
        DomainAction step, VirtDomain domain, bool attach, Func<string, string> device, Func<string, string> redefine)
    {
        var volumeId = step.VolumeId!;
        var definition = domain.GetXml(DomainXmlOptions.Inactive | DomainXmlOptions.Secure);
        var state = domain.GetState();
        if (!definition.IsOk || !state.IsOk)
        {
            return Outcome.Fail(definition.Error ?? state.Error!);
        }

        var changeDefinition = attach == (DiskXml.FindVolume(definition.Value, volumeId) is null);
        var active = state.Value is not (VirtDomainState.ShutOff or VirtDomainState.Crashed or VirtDomainState.NoState);
        if (active && !flavour.IsTestDriver)
        {
            var live = domain.GetXml();
            if (!live.IsOk)
            {
                return Outcome.Fail(live.Error);
            }

            if (attach == (DiskXml.FindVolume(live.Value, volumeId) is null))
            {
                // libvirt virDomainAttachDeviceFlags: LIVE changes the running guest, CONFIG the persistent definition.
                var impact = ModificationImpact.Live | (changeDefinition ? ModificationImpact.Config : 0);
                var xml = device(attach || !changeDefinition ? live.Value : definition.Value);
                var changed = attach ? domain.AttachDevice(xml, impact) : domain.DetachDevice(xml, impact);
                if (!changed.IsOk)
                {
                    return Outcome.Fail(changed.Error);
                }

                if (changed.Value == DeviceChange.Done)
                {
                    logger.DiskChanged(step.Kind, volumeId, step.InstanceId, impact.ToString());
                    return Outcome.Ok();
                }
            }
        }

        if (!changeDefinition)
        {
            return Outcome.Ok();
        }

        var redefined = connection.Define(redefine(definition.Value));
        if (!redefined.IsOk)
        {
            return Outcome.Fail(redefined.Error);
        }

        redefined.Value.Dispose();
        logger.DiskChanged(step.Kind, volumeId, step.InstanceId, ModificationImpact.Config.ToString());
        return Outcome.Ok();
    }
}
