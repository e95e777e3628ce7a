namespace StandardsCloud.Storage.Values;

/// <summary>
/// The SHA-256 of committed versions, each read once: a record's update may be applied again when
/// another writer gets there first, and must not hash the same bytes again.
/// </summary>
internal sealed class VersionHashes(FileValueStore values)
{
    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// The version's hash; empty when it is gone: a version is removed only after a record naming
    /// another has been stored, so the update holding this one cannot be stored either and is applied again.
    /// </summary>
    public string Of(string version)
    {
        if (_known.TryGetValue(version, out var hash))
        {
            return hash;
        }

        try
        {
            return _known[version] = values.HashOf(version);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "";
        }
    }
}
