using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StandardsCloud.Storage.Values;

/// <summary>
/// Gets a large value's bytes to stable storage while the rest is still arriving, so the fsync
/// that ends the write has little left to do. Every few MiB the kernel is asked to start writing
/// what has come (without waiting); every few tens of MiB the file is flushed on another thread,
/// which also empties the device's own write cache (on a virtual disk, the host's). Only ever
/// ahead of time: the final fsync is what makes the value durable.
/// </summary>
internal sealed partial class WriteBehind(SafeFileHandle file, long offset)
{
    /// <summary>How many bytes may wait in memory before the kernel is asked to write them.</summary>
    private const long StartBytes = 8 * 1024 * 1024;

    /// <summary>How many bytes may wait in the device's cache before a flush is begun.</summary>
    private const long FlushBytes = 64 * 1024 * 1024;

    private const uint StartWriting = 2; // SYNC_FILE_RANGE_WRITE

    private long _startedTo;
    private long _flushedTo;
    private Task _flushing = Task.CompletedTask;

    /// <summary>Says that the first <paramref name="written"/> bytes from the offset are in the file.</summary>
    public void Written(long written)
    {
        if (written - _startedTo >= StartBytes)
        {
            if (OperatingSystem.IsLinux())
            {
                _ = SyncFileRange(file, offset + _startedTo, written - _startedTo, StartWriting);
            }

            _startedTo = written;
        }

        // One flush at a time; the SafeFileHandle stays open until a running flush lets go of it.
        if (written - _flushedTo >= FlushBytes && _flushing.IsCompleted)
        {
            _flushedTo = written;
            _flushing = Task.Run(() => RandomAccess.FlushToDisk(file));
        }
    }

    /// <summary>Waits for a flush still running, and reports its failure.</summary>
    public Task SettledAsync() => _flushing;

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long nbytes, uint flags);
}
