using System.Runtime.InteropServices;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>A reference to one libvirt network filter (nwfilter). Dispose it to drop the reference, not the filter.</summary>
public sealed class VirtNetworkFilter : IDisposable
{
    private readonly NWFilterHandle _handle;

    internal VirtNetworkFilter(NWFilterHandle handle) => _handle = handle;

    /// <summary>The filter's definition, with its UUID.</summary>
    public unsafe Outcome<string> GetXml()
    {
        var text = VirtImports.virNWFilterGetXMLDesc(_handle, 0);
        if (text == 0)
        {
            return Outcome<string>.Fail(VirtError.Last("virNWFilterGetXMLDesc"));
        }

        var value = Marshal.PtrToStringUTF8(text) ?? string.Empty;
        NativeMemory.Free((void*)text);
        return value;
    }

    /// <summary>Removes the filter; libvirt refuses while a running guest's interface still uses it.</summary>
    public Outcome Undefine() =>
        VirtImports.virNWFilterUndefine(_handle) < 0 ? Outcome.Fail(VirtError.Last("virNWFilterUndefine")) : Outcome.Ok();

    public void Dispose() => _handle.Dispose();
}
