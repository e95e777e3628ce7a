using Microsoft.Win32.SafeHandles;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>Owns a <c>virNWFilterPtr</c> reference; the filter itself lives on in libvirt.</summary>
public sealed class NWFilterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NWFilterHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => VirtImports.virNWFilterFree(handle) >= 0;
}
