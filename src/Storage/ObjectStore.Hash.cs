using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Values;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// A new object's cdmi_value_hash: the one it is created with, else its parent's (CDMI 1.1.1
    /// §5.5: data placed into a container inherits the container's data system metadata). Kept on
    /// the record, so a write never reads the parent again; a later change of the parent's leaves it.
    /// </summary>
    private static string? ValueHashAtPlacement(ValueHashSetting? given, StoredObject parent) =>
        given is { } setting ? setting.Algorithm : parent.ValueHash;

    /// <summary>
    /// The hashes an update of a data object may need: when it turns hashing on for a value already
    /// stored unhashed, that value is hashed now, before the record's update rather than inside it.
    /// </summary>
    private VersionHashes HashesForUpdate(StoredObject existing, DataObjectWrite write, bool valueWritten)
    {
        var hashes = new VersionHashes(values);
        if (!valueWritten && ValueHashSetting.Asks(write.ValueHash?.Algorithm) && existing is { Hash.Length: 0, ValueVersion: { } unhashed })
        {
            hashes.Of(unhashed);
        }

        return hashes;
    }

    /// <summary>
    /// A data object's cdmi_hash after a write (CDMI 1.1.1 §16.3: present when its cdmi_value_hash
    /// asks). <paramref name="writtenHash"/> is the new value's (null when the value is kept). A hash
    /// stays only while it is asked for, or while neither the value nor the setting changes (a
    /// record stored when every value was hashed keeps its hash); a value asked to be hashed
    /// that has none yet (the setting just turned on) is hashed from its committed version.
    /// </summary>
    private static string HashAfter(StoredObject current, ValueHashSetting? change, string? writtenHash, string? version, VersionHashes hashes)
    {
        var setting = change is { } given ? given.Algorithm : current.ValueHash;
        if (!ValueHashSetting.Asks(setting))
        {
            return writtenHash is null && change is null ? current.Hash : "";
        }

        var hash = writtenHash ?? current.Hash;
        return hash.Length > 0 || version is null ? hash : hashes.Of(version);
    }
}
