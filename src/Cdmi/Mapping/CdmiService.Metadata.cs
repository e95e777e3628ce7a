using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>The metadata a CDMI create or update body sets (CDMI 1.1.1 §16): user metadata, cdmi_acl and data system metadata.</summary>
public sealed partial class CdmiService
{
    /// <summary>
    /// What a body's metadata changes: user metadata items, the ACL (cdmi_acl) and cdmi_value_hash;
    /// null for the ACL or the hash setting keeps the object's.
    /// </summary>
    private sealed record MetadataWrite(JsonItemsChange Items, IReadOnlyList<AccessControlEntry>? Acl, ValueHashSetting? ValueHash)
    {
        public static MetadataWrite None { get; } = new(JsonItemsChange.None, null, null);
    }

    private static (MetadataWrite? Write, string? Error) ReadMetadata(CdmiRequestBody body, FieldSelection selection, bool container)
    {
        if (body.Metadata is null)
        {
            return (MetadataWrite.None, null);
        }

        IReadOnlyList<AccessControlEntry>? acl = null;
        string? valueHash = null;
        var user = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, json) in body.Metadata)
        {
            if (name == "cdmi_acl")
            {
                var (parsed, error) = AclText.Parse(json);
                if (parsed is null)
                {
                    return (null, error);
                }

                acl = parsed;
                continue;
            }

            // CDMI 1.1.1 §16.4 (Table 119): cdmi_value_hash is data system metadata a client sets on containers, data objects and queues.
            if (name == ValueHashSetting.MetadataName)
            {
                var (algorithm, error) = ValueHashText.Read(json);
                if (algorithm is null)
                {
                    return (null, error);
                }

                valueHash = algorithm;
                continue;
            }

            // CDMI 1.1.1 §16.4: a container's cdmi_assignedsize is data system metadata the client sets (it sizes an export).
            if (container && name == OcciIscsiExport.AssignedSize)
            {
                if (OcciIscsiExport.ReadBytes(json).Error is { } badSize)
                {
                    return (null, badSize);
                }

                user[name] = json;
                continue;
            }

            // CDMI 1.1.1 §16.3: storage-system metadata (cdmi_*) is the server's; what a client sends is dropped.
            if (name.StartsWith("cdmi_", StringComparison.Ordinal))
            {
                continue;
            }

            if (name.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(json) > MaxMetadataValueBytes)
            {
                return (null, $"metadata '{Clip(name)}': names need a character and values at most {MaxMetadataValueBytes} bytes");
            }

            user[name] = json;
        }

        if (selection.MetadataPrefixes.Count == 0)
        {
            // Metadata given whole replaces the user metadata; cdmi_value_hash, like cdmi_acl, changes only when named.
            return (new MetadataWrite(new JsonItemsChange(user, null), acl, valueHash is null ? null : new ValueHashSetting(valueHash)), null);
        }

        // CDMI 1.1.1 §16.6: ?metadata:name changes only the items named; one absent from the body is removed.
        var items = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in selection.MetadataPrefixes.Where(n => !n.StartsWith("cdmi_", StringComparison.Ordinal) || (container && n == OcciIscsiExport.AssignedSize)))
        {
            items[name] = user.GetValueOrDefault(name);
        }

        var hashChange = selection.MetadataPrefixes.Contains(ValueHashSetting.MetadataName) ? new ValueHashSetting(valueHash) : null;
        return (new MetadataWrite(new JsonItemsChange(null, items), acl, hashChange), null);
    }
}
