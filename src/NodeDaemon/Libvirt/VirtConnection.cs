using System.Runtime.InteropServices;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>
/// One libvirt connection. libvirt connections are safe to share between threads, so one instance
/// serves the whole daemon. Lifecycle events, once subscribed, arrive on the event loop thread.
/// </summary>
public sealed unsafe partial class VirtConnection : IDisposable
{
    private const int LifecycleEventId = 0;
    private const int MetadataElement = 2;

    private readonly ConnectHandle _handle;
    private GCHandle _subscriber;
    private int _callbackId = -1;

    private VirtConnection(ConnectHandle handle, string uri)
    {
        _handle = handle;
        Uri = uri;
    }

    /// <summary>The URI the connection was opened with.</summary>
    public string Uri { get; }

    /// <summary>Opens a connection; starts the process-wide event loop first so events can flow.</summary>
    public static Outcome<VirtConnection> Open(string uri)
    {
        var loop = VirtEventLoop.EnsureStarted();
        if (!loop.IsOk)
        {
            return Outcome<VirtConnection>.Fail(loop.Error);
        }

        var handle = VirtImports.virConnectOpen(uri);
        if (handle.IsInvalid)
        {
            var error = VirtError.Last("virConnectOpen");
            handle.Dispose();
            return Outcome<VirtConnection>.Fail($"cannot open {uri}: {error}");
        }

        return new VirtConnection(handle, uri);
    }

    public Outcome<NodeInfo> GetNodeInfo()
    {
        if (VirtImports.virNodeGetInfo(_handle, out var info) < 0)
        {
            return Outcome<NodeInfo>.Fail(VirtError.Last("virNodeGetInfo"));
        }

        var model = Marshal.PtrToStringUTF8((nint)info.Model, FixedLength(info.Model, 32));
        return new NodeInfo(model, (long)info.MemoryKiB, (int)info.Cpus, (int)info.Mhz);
    }

    /// <summary>Defines (or redefines) a persistent domain from its XML.</summary>
    public Outcome<VirtDomain> Define(string xml) =>
        Wrap(VirtImports.virDomainDefineXML(_handle, xml), "virDomainDefineXML");

    /// <summary>Looks a domain up by name; a missing domain is a failure with libvirt's message.</summary>
    public Outcome<VirtDomain> Lookup(string name) =>
        Wrap(VirtImports.virDomainLookupByName(_handle, name), "virDomainLookupByName");

    /// <summary>Every domain, active or not, persistent or transient.</summary>
    public Outcome<IReadOnlyList<VirtDomain>> ListAll()
    {
        var count = VirtImports.virConnectListAllDomains(_handle, out var array, 0);
        if (count < 0)
        {
            return Outcome<IReadOnlyList<VirtDomain>>.Fail(VirtError.Last("virConnectListAllDomains"));
        }

        var domains = new VirtDomain[count];
        for (var i = 0; i < count; i++)
        {
            domains[i] = new VirtDomain(new DomainHandle(array[i]));
        }

        NativeMemory.Free(array);
        return domains;
    }

    /// <summary>
    /// Subscribes to lifecycle events of every domain. The handler runs on the event loop thread
    /// and must return quickly. One subscription per connection.
    /// </summary>
    public Outcome SubscribeLifecycle(Action<LifecycleEvent> handler)
    {
        if (_callbackId >= 0)
        {
            return Outcome.Fail("already subscribed to lifecycle events");
        }

        _subscriber = GCHandle.Alloc(handler);
        var id = VirtImports.virConnectDomainEventRegisterAny(
            _handle, 0, LifecycleEventId, &OnLifecycle, GCHandle.ToIntPtr(_subscriber), 0);
        if (id < 0)
        {
            var error = VirtError.Last("virConnectDomainEventRegisterAny");
            _subscriber.Free();
            return Outcome.Fail(error);
        }

        _callbackId = id;
        return Outcome.Ok();
    }

    public void Dispose()
    {
        if (_callbackId >= 0)
        {
            VirtImports.virConnectDomainEventDeregisterAny(_handle, _callbackId);
            _callbackId = -1;
            // A callback already under way on the event thread may still read the handle, so it is
            // emptied rather than freed; the cost is one small handle per closed connection.
            _subscriber.Target = null;
        }

        _handle.Dispose();
    }

    internal static int MetadataType => MetadataElement;

    private static Outcome<VirtDomain> Wrap(DomainHandle handle, string operation)
    {
        if (handle.IsInvalid)
        {
            var error = VirtError.Last(operation);
            handle.Dispose();
            return Outcome<VirtDomain>.Fail(error);
        }

        return new VirtDomain(handle);
    }

    private static int FixedLength(byte* text, int max)
    {
        var length = 0;
        while (length < max && text[length] != 0)
        {
            length++;
        }

        return length;
    }

    [UnmanagedCallersOnly]
    private static void OnLifecycle(nint connection, nint domain, int kind, int detail, nint opaque)
    {
        // An exception must never unwind into libvirt's C frames.
        try
        {
            var name = Marshal.PtrToStringUTF8(VirtImports.virDomainGetName(domain)) ?? string.Empty;
            if (GCHandle.FromIntPtr(opaque).Target is Action<LifecycleEvent> handler)
            {
                handler(new LifecycleEvent(name, (LifecycleEventKind)kind, detail));
            }
        }
        catch (Exception)
        {
            // Events are hints that trigger a fresh look at libvirt; losing one costs a moment only.
        }
    }
}
