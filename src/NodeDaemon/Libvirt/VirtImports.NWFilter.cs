using System.Runtime.InteropServices;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>The network filter calls, as declared in <c>libvirt-nwfilter.h</c>.</summary>
internal static partial class VirtImports
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NWFilterHandle virNWFilterDefineXML(ConnectHandle connection, string xml);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NWFilterHandle virNWFilterLookupByName(ConnectHandle connection, string name);

    [LibraryImport(Library)]
    internal static partial int virNWFilterUndefine(NWFilterHandle filter);

    [LibraryImport(Library)]
    internal static partial int virNWFilterFree(nint filter);

    [LibraryImport(Library)]
    internal static partial nint virNWFilterGetXMLDesc(NWFilterHandle filter, uint flags);
}
