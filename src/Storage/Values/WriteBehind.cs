using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StandardsCloud.Storage.Values;

/// <summary>
/// Asks the kernel to start writing a range of a file to disk now, without waiting for it, so a
/// large value's bytes reach the disk while the rest is still arriving and the final fsync has
/// little left to do. Only a hint: the fsync that follows is what makes the value durable.
/// </summary>
internal static partial class WriteBehind
{
    private const uint StartWriting = 2; // SYNC_FILE_RANGE_WRITE

    public static void Start(SafeFileHandle file, long offset, long length)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SyncFileRange(file, offset, length, StartWriting);
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long nbytes, uint flags);
}
