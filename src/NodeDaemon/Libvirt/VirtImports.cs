using System.Runtime.InteropServices;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>
/// The subset of the libvirt C API the node daemon uses, declared as they appear in
/// <c>libvirt-host.h</c>, <c>libvirt-domain.h</c>, <c>libvirt-event.h</c> and <c>virterror.h</c>.
/// Strings are UTF-8; pointers returned as <c>char*</c> that the caller owns are freed with free().
/// </summary>
internal static unsafe partial class VirtImports
{
    private const string Library = "libvirt.so.0";

    [LibraryImport(Library)]
    internal static partial int virInitialize();

    [LibraryImport(Library)]
    internal static partial void virSetErrorFunc(nint userData, delegate* unmanaged<nint, nint, void> handler);

    [LibraryImport(Library)]
    internal static partial nint virGetLastErrorMessage();

    /// <summary>virErrorPtr; its first member is <c>int code</c> (virErrorNumber).</summary>
    [LibraryImport(Library)]
    internal static partial nint virGetLastError();

    [LibraryImport(Library)]
    internal static partial int virEventRegisterDefaultImpl();

    [LibraryImport(Library)]
    internal static partial int virEventRunDefaultImpl();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ConnectHandle virConnectOpen(string name);

    [LibraryImport(Library)]
    internal static partial int virConnectClose(nint connection);

    [LibraryImport(Library)]
    internal static partial int virNodeGetInfo(ConnectHandle connection, out NodeInfoNative info);

    [LibraryImport(Library)]
    internal static partial int virConnectListAllDomains(ConnectHandle connection, out nint* domains, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainHandle virDomainDefineXML(ConnectHandle connection, string xml);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainHandle virDomainLookupByName(ConnectHandle connection, string name);

    [LibraryImport(Library)]
    internal static partial int virDomainFree(nint domain);

    [LibraryImport(Library)]
    internal static partial int virDomainCreate(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainShutdown(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainDestroy(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainUndefineFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainSuspend(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainResume(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainReboot(DomainHandle domain, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int virDomainAttachDeviceFlags(DomainHandle domain, string xml, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int virDomainDetachDeviceFlags(DomainHandle domain, string xml, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainGetState(DomainHandle domain, out int state, out int reason, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainGetInfo(DomainHandle domain, out DomainInfoNative info);

    [LibraryImport(Library)]
    internal static partial nint virDomainGetName(nint domain);

    [LibraryImport(Library)]
    internal static partial nint virDomainGetXMLDesc(DomainHandle domain, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint virDomainGetMetadata(DomainHandle domain, int type, string? uri, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int virDomainSetMetadata(
        DomainHandle domain, int type, string? metadata, string? key, string? uri, uint flags);

    [LibraryImport(Library)]
    internal static partial int virConnectDomainEventRegisterAny(
        ConnectHandle connection,
        nint domain,
        int eventId,
        delegate* unmanaged<nint, nint, int, int, nint, void> callback,
        nint opaque,
        nint freeCallback);

    [LibraryImport(Library)]
    internal static partial int virConnectDomainEventDeregisterAny(ConnectHandle connection, int callbackId);

    /// <summary>virNodeInfo: char model[32]; unsigned long memory (KiB); six unsigned ints.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NodeInfoNative
    {
        public fixed byte Model[32];
        public nuint MemoryKiB;
        public uint Cpus;
        public uint Mhz;
        public uint Nodes;
        public uint Sockets;
        public uint Cores;
        public uint Threads;
    }

    /// <summary>virDomainInfo: unsigned char state; two unsigned longs; unsigned short; unsigned long long.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DomainInfoNative
    {
        public byte State;
        public nuint MaxMemKiB;
        public nuint MemoryKiB;
        public ushort VirtualCpus;
        public ulong CpuTimeNs;
    }
}
