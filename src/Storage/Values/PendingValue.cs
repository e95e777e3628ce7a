namespace StandardsCloud.Storage.Values;

/// <summary>
/// A value written in full to a temporary file and flushed to disk, not yet visible. Commit it to
/// make it a version; dispose it uncommitted (an upload cut short) and it is gone.
/// </summary>
public sealed class PendingValue : IDisposable
{
    internal PendingValue(string tempPath, long size, string hash)
    {
        TempPath = tempPath;
        Size = size;
        Hash = hash;
    }

    internal string TempPath { get; }

    internal bool Committed { get; set; }

    public long Size { get; }

    /// <summary>SHA-256 of the bytes, lower-case hex; empty when the write was not asked to hash them.</summary>
    public string Hash { get; }

    public void Dispose()
    {
        if (!Committed)
        {
            File.Delete(TempPath);
        }
    }
}
