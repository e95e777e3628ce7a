using Microsoft.Win32.SafeHandles;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>Owns a <c>virConnectPtr</c>; closing drops libvirt's reference.</summary>
public sealed class ConnectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => VirtImports.virConnectClose(handle) >= 0;
}
