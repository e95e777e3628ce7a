using System.Runtime.InteropServices;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>A reference to one libvirt domain. Dispose it to drop the reference, not the domain.</summary>
public sealed class VirtDomain : IDisposable
{
    private readonly DomainHandle _handle;

    internal VirtDomain(DomainHandle handle) => _handle = handle;

    /// <summary>The domain's name, which libvirt keeps for the lifetime of the reference.</summary>
    public string Name =>
        Marshal.PtrToStringUTF8(VirtImports.virDomainGetName(_handle.DangerousGetHandle())) ?? string.Empty;

    public Outcome Start() => Check(VirtImports.virDomainCreate(_handle), "virDomainCreate");

    /// <summary>Asks the guest to power off (ACPI on QEMU); it may take a while or never happen.</summary>
    public Outcome Shutdown() => Check(VirtImports.virDomainShutdown(_handle), "virDomainShutdown");

    /// <summary>Pulls the plug.</summary>
    public Outcome Destroy() => Check(VirtImports.virDomainDestroy(_handle), "virDomainDestroy");

    public Outcome Undefine(UndefineOptions options) =>
        Check(VirtImports.virDomainUndefineFlags(_handle, (uint)options), "virDomainUndefineFlags");

    public Outcome Suspend() => Check(VirtImports.virDomainSuspend(_handle), "virDomainSuspend");

    public Outcome Resume() => Check(VirtImports.virDomainResume(_handle), "virDomainResume");

    public Outcome Reboot() => Check(VirtImports.virDomainReboot(_handle, 0), "virDomainReboot");

    /// <summary>Adds a device (hot-plug when <see cref="ModificationImpact.Live"/>) from its XML.</summary>
    public Outcome<DeviceChange> AttachDevice(string xml, ModificationImpact impact) =>
        Change(VirtImports.virDomainAttachDeviceFlags(_handle, xml, (uint)impact), "virDomainAttachDeviceFlags");

    /// <summary>
    /// Removes a device. A live removal is a request to the guest: libvirt answers once the guest
    /// let go or a few seconds passed, so the device may still be there afterwards.
    /// </summary>
    public Outcome<DeviceChange> DetachDevice(string xml, ModificationImpact impact) =>
        Change(VirtImports.virDomainDetachDeviceFlags(_handle, xml, (uint)impact), "virDomainDetachDeviceFlags");

    public Outcome<VirtDomainState> GetState()
    {
        if (VirtImports.virDomainGetState(_handle, out var state, out _, 0) < 0)
        {
            return Outcome<VirtDomainState>.Fail(VirtError.Last("virDomainGetState"));
        }

        return (VirtDomainState)state;
    }

    public Outcome<DomainInfo> GetInfo()
    {
        if (VirtImports.virDomainGetInfo(_handle, out var info) < 0)
        {
            return Outcome<DomainInfo>.Fail(VirtError.Last("virDomainGetInfo"));
        }

        return new DomainInfo(
            (VirtDomainState)info.State, (long)info.MaxMemKiB, (long)info.MemoryKiB, info.VirtualCpus, info.CpuTimeNs);
    }

    public Outcome<string> GetXml(DomainXmlOptions options = DomainXmlOptions.None) =>
        TakeString(VirtImports.virDomainGetXMLDesc(_handle, (uint)options), "virDomainGetXMLDesc");

    /// <summary>The metadata element under <paramref name="namespaceUri"/>, as XML text.</summary>
    public Outcome<string> GetMetadata(string namespaceUri, ModificationImpact impact) =>
        TakeString(
            VirtImports.virDomainGetMetadata(_handle, VirtConnection.MetadataType, namespaceUri, (uint)impact),
            "virDomainGetMetadata");

    /// <summary>Replaces the metadata element under <paramref name="namespaceUri"/>.</summary>
    public Outcome SetMetadata(string xml, string prefix, string namespaceUri, ModificationImpact impact) =>
        Check(
            VirtImports.virDomainSetMetadata(
                _handle, VirtConnection.MetadataType, xml, prefix, namespaceUri, (uint)impact),
            "virDomainSetMetadata");

    public void Dispose() => _handle.Dispose();

    private static Outcome Check(int result, string operation) =>
        result < 0 ? Outcome.Fail(VirtError.Last(operation)) : Outcome.Ok();

    private static Outcome<DeviceChange> Change(int result, string operation)
    {
        if (result >= 0)
        {
            return DeviceChange.Done;
        }

        // Read the code before the message: both describe the same failure on this thread.
        return VirtError.LastCode() == VirtError.NoSupport
            ? DeviceChange.Unsupported
            : Outcome<DeviceChange>.Fail(VirtError.Last(operation));
    }

    private static unsafe Outcome<string> TakeString(nint text, string operation)
    {
        if (text == 0)
        {
            return Outcome<string>.Fail(VirtError.Last(operation));
        }

        var value = Marshal.PtrToStringUTF8(text) ?? string.Empty;
        NativeMemory.Free((void*)text);
        return value;
    }
}
