using System.Runtime.InteropServices;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>
/// libvirt's default event loop, once per process. It must be registered before any connection
/// opens (connections pick their event implementation at open time) and then driven by a thread
/// calling virEventRunDefaultImpl; lifecycle callbacks run on that thread.
/// </summary>
public static unsafe class VirtEventLoop
{
    private static readonly Lock Gate = new();
    private static bool _started;

    /// <summary>Initialises libvirt, silences its stderr printer and starts the loop thread.</summary>
    public static Outcome EnsureStarted()
    {
        lock (Gate)
        {
            if (_started)
            {
                return Outcome.Ok();
            }

            if (VirtImports.virInitialize() < 0)
            {
                return Outcome.Fail(VirtError.Last("virInitialize"));
            }

            // libvirt prints every error to stderr unless a handler is set; errors reach us as values.
            VirtImports.virSetErrorFunc(0, &IgnoreError);

            if (VirtImports.virEventRegisterDefaultImpl() < 0)
            {
                return Outcome.Fail(VirtError.Last("virEventRegisterDefaultImpl"));
            }

            var thread = new Thread(Run) { IsBackground = true, Name = "libvirt-events" };
            thread.Start();
            _started = true;
            return Outcome.Ok();
        }
    }

    private static void Run()
    {
        while (true)
        {
            VirtImports.virEventRunDefaultImpl();
        }
    }

    [UnmanagedCallersOnly]
    private static void IgnoreError(nint userData, nint error)
    {
    }
}
