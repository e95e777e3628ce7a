namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>Network filters (libvirt's nwfilter driver; the test driver and the embedded QEMU driver have none).</summary>
public sealed partial class VirtConnection
{
    /// <summary>
    /// Defines a filter, or replaces the one of that name and UUID: libvirt then rebuilds the host's
    /// rules of every running guest that uses it, without touching the guests.
    /// </summary>
    public Outcome<VirtNetworkFilter> DefineFilter(string xml) =>
        WrapFilter(VirtImports.virNWFilterDefineXML(_handle, xml), "virNWFilterDefineXML");

    /// <summary>Looks a filter up by name; null when there is none of that name.</summary>
    public Outcome<VirtNetworkFilter?> FindFilter(string name)
    {
        var handle = VirtImports.virNWFilterLookupByName(_handle, name);
        if (!handle.IsInvalid)
        {
            return new VirtNetworkFilter(handle);
        }

        // Read the code before the message: both describe the same failure on this thread.
        var missing = VirtError.LastCode() == VirtError.NoNetworkFilter;
        var error = missing ? null : VirtError.Last("virNWFilterLookupByName");
        handle.Dispose();
        return error is null ? Outcome<VirtNetworkFilter?>.Ok(null) : Outcome<VirtNetworkFilter?>.Fail(error);
    }

    private static Outcome<VirtNetworkFilter> WrapFilter(NWFilterHandle handle, string operation)
    {
        if (handle.IsInvalid)
        {
            var error = VirtError.Last(operation);
            handle.Dispose();
            return Outcome<VirtNetworkFilter>.Fail(error);
        }

        return new VirtNetworkFilter(handle);
    }
}
