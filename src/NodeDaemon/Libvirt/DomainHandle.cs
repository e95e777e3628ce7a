using Microsoft.Win32.SafeHandles;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>Owns a <c>virDomainPtr</c> reference; the domain itself lives on in libvirt.</summary>
public sealed class DomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DomainHandle()
        : base(ownsHandle: true)
    {
    }

    internal DomainHandle(nint existing)
        : base(ownsHandle: true) => SetHandle(existing);

    protected override bool ReleaseHandle() => VirtImports.virDomainFree(handle) >= 0;
}
