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
}
