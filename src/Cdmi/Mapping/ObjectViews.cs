using System.Globalization;
using System.Text.Json;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>Stored objects as the wire shows them, with their storage-system metadata (CDMI 1.1.1 §16.3).</summary>
public static class ObjectViews
{
    public const string DomainUri = "/cdmi_domains/";

    public static ObjectView Of(StoredObject obj, IReadOnlyList<string>? children = null)
    {
        var path = ObjectPathName(obj);
        var type = obj.Kind switch
        {
            ObjectKind.Container => CdmiMediaType.Container,
            ObjectKind.Queue => CdmiMediaType.Queue,

            // CDMI 1.1.1 §9.2.6: a reference made at a container URI answers its create as a container.
            ObjectKind.Reference when obj.Path.EndsWith('/') => CdmiMediaType.Container,
            _ => CdmiMediaType.Object,
        };
        return new ObjectView
        {
            Type = type,
            ObjectId = obj.Id,
            ObjectName = path,
            ParentUri = obj.ParentPath.Length == 0 ? null : obj.ParentPath,
            ParentId = obj.ParentId,
            DomainUri = DomainUri,
            CapabilitiesUri = type switch
            {
                CdmiMediaType.Container => Capabilities.ContainerUri,
                CdmiMediaType.Queue => Capabilities.QueueUri,
                _ => Capabilities.DataObjectUri,
            },
            CompletionStatus = obj.IsComplete ? "Complete" : "Processing",
            Metadata = Metadata(obj),
            MimeType = obj.MimeType,
            ValueTransferEncoding = obj.ValueTransferEncoding,
            Size = obj.Size,
            Exports = type == CdmiMediaType.Container ? [.. obj.Exports] : null,
            // PostgreSQL's jsonb keeps no member order, so name order makes answers repeatable.
            UninterpretedFields = [.. obj.UninterpretedFields.OrderBy(f => f.Key, StringComparer.Ordinal)],
            Children = type == CdmiMediaType.Container ? children ?? [] : null,
            QueueValues = type == CdmiMediaType.Queue ? obj.Queue.Count : null,
        };
    }

    private static readonly string[] ValueFieldsAndMetadata = [.. CdmiFieldNames.ValueFields, "metadata"];
    private static readonly string[] ChildrenFieldsAndMetadata = [.. CdmiFieldNames.ChildrenFields, "metadata"];
    private static readonly string[] MetadataOnly = ["metadata"];

    /// <summary>The value, children and metadata fields (CDMI 1.1.1 Table 117 note 1) an answer about <paramref name="obj"/> can hold.</summary>
    public static IReadOnlyList<string> NonAttributeFields(StoredObject obj) => obj.Kind switch
    {
        ObjectKind.DataObject => ValueFieldsAndMetadata,
        ObjectKind.Queue when obj.Queue.Count > 0 => ValueFieldsAndMetadata,
        ObjectKind.Container => ChildrenFieldsAndMetadata,
        _ => MetadataOnly,
    };

    /// <summary>An object's name: containers end with '/'.</summary>
    public static string ObjectPathName(StoredObject obj) => obj.Path == "/" ? "/" : ObjectPathOf(obj).Name;

    /// <summary>
    /// The name a child is listed under: its name, references marked with a trailing '?' (CDMI 1.1.1 §5.16),
    /// so a container reference is listed as <c>name/?</c>.
    /// </summary>
    public static string ChildName(StoredObject obj) => ObjectPathName(obj) + (obj.Kind == ObjectKind.Reference ? "?" : "");

    private static ObjectPath ObjectPathOf(StoredObject obj) =>
        ObjectPath.TryParse(obj.Path, out var p, out _) ? p : ObjectPath.Root;

    private static List<KeyValuePair<string, string>> Metadata(StoredObject obj)
    {
        var items = new List<KeyValuePair<string, string>>(obj.Metadata.Count + 8);
        items.AddRange(obj.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal));
        // §16.4, §5.5: the object's data system metadata, inherited from its parent at placement or its own.
        if (obj.ValueHash is { } valueHash)
        {
            items.Add(new(ValueHashSetting.MetadataName, Quote(valueHash)));
        }

        // §16.3: the bytes the object holds: a data object's value, the values waiting in a queue.
        if (obj.Kind is ObjectKind.DataObject or ObjectKind.Queue)
        {
            var size = obj.Kind == ObjectKind.Queue ? obj.Queue.Sum(q => q.Size) : obj.Size;
            items.Add(new("cdmi_size", Quote(size.ToString(CultureInfo.InvariantCulture))));
        }

        items.Add(new("cdmi_ctime", Quote(Time(obj.Created))));
        items.Add(new("cdmi_mtime", Quote(Time(obj.Modified))));
        items.Add(new("cdmi_atime", Quote(Time(obj.Accessed))));
        items.Add(new("cdmi_owner", Quote(obj.Owner.Length == 0 ? "ADMINISTRATOR@" : obj.Owner)));
        items.Add(new("cdmi_acl", AclText.Render(obj.Acl)));
        // §16.3: cdmi_hash is there when the value was hashed, as cdmi_value_hash asked (or, for records
        // stored before values were hashed only when asked, always).
        if (obj.Kind == ObjectKind.DataObject && obj.Hash.Length > 0)
        {
            items.Add(new("cdmi_hash", Quote(obj.Hash)));
        }

        return items;
    }

    // CDMI 1.1.1 §5.14: times are ISO-8601 in UTC.
    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static string Quote(string text) => JsonSerializer.Serialize(text, CdmiJson.Default.String);
}
