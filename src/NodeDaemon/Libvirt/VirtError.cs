using System.Runtime.InteropServices;

namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>Reads libvirt's per-thread last error, which is only valid right after the failing call.</summary>
internal static class VirtError
{
    internal static string Last(string operation)
    {
        var message = Marshal.PtrToStringUTF8(VirtImports.virGetLastErrorMessage());
        return string.IsNullOrEmpty(message) ? $"{operation} failed" : message;
    }

    /// <summary>VIR_ERR_NO_SUPPORT: the driver does not implement the call.</summary>
    internal const int NoSupport = 3;

    /// <summary>VIR_ERR_NO_NWFILTER: no network filter of that name.</summary>
    internal const int NoNetworkFilter = 62;

    /// <summary>The virErrorNumber of the last error on this thread; 0 when there is none.</summary>
    internal static int LastCode()
    {
        var error = VirtImports.virGetLastError();
        return error == 0 ? 0 : Marshal.ReadInt32(error);
    }
}
