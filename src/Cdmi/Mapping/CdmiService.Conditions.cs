using System.Globalization;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>What a caller may see of an object, and the HTTP preconditions a request sets on it.</summary>
public sealed partial class CdmiService
{
    /// <summary>
    /// The request's fields less what the caller may not see of the object (CDMI 1.1.1 §16.1.5): the
    /// value fields and children without READ_OBJECT (LIST_CONTAINER), the metadata without
    /// READ_METADATA, its cdmi_acl item without READ_ACL, every attribute field without
    /// READ_ATTRIBUTES. A data object's value and valuerange are not shown while its completionStatus
    /// is Processing (§8.2.2). This is the one place that decides what a CDMI read may show.
    /// </summary>
    private static FieldSelection Readable(FieldSelection selection, StoredObject obj, StorageCaller caller)
    {
        var withheld = new HashSet<string>(StringComparer.Ordinal);
        var mayReadValue = AccessPolicy.Allows(obj, caller, AceMask.ReadObject);
        if (!mayReadValue)
        {
            withheld.UnionWith(CdmiFieldNames.ValueFields);
            withheld.UnionWith(CdmiFieldNames.ChildrenFields);
            withheld.Add("queueValues");
        }
        else if (obj is { Kind: ObjectKind.DataObject, IsComplete: false })
        {
            // §8.3.6, Table 27: valuetransferencoding stays (mandatory); the value comes only once Complete.
            withheld.UnionWith(["value", "valuerange"]);
        }

        if (!AccessPolicy.Allows(obj, caller, AceMask.ReadMetadata))
        {
            withheld.Add("metadata");
        }

        if (!AccessPolicy.Allows(obj, caller, AceMask.ReadAcl))
        {
            withheld.Add("cdmi_acl");
        }

        // CDMI 1.1.1 §16.1.5, Table 117: without READ_ATTRIBUTES a GET shows only value, children and metadata fields.
        var attributesWithheld = !AccessPolicy.Allows(obj, caller, AceMask.ReadAttributes);
        return selection with { Withheld = withheld, AttributesWithheld = attributesWithheld };
    }

    /// <summary>
    /// A data object's entity tag (RFC 9110 §8.8.3): its value version, quoted. Every committed value
    /// gets a new random version, so the tag changes exactly when the value does (not when metadata
    /// does) and needs no hash; null for other objects.
    /// </summary>
    private static string? EntityTag(StoredObject obj) =>
        obj is { Kind: ObjectKind.DataObject, ValueVersion: { } version } ? "\"" + version + "\"" : null;

    private static Dictionary<string, string> ValidatorHeaders(StoredObject obj)
    {
        var headers = new Dictionary<string, string> { ["Last-Modified"] = obj.Modified.UtcDateTime.ToString("R", CultureInfo.InvariantCulture) };
        if (EntityTag(obj) is { } tag)
        {
            headers["ETag"] = tag;
        }

        return headers;
    }

    private static CdmiReply PreconditionFailed(string path) =>
        CdmiReply.Error(412, $"'{path}': a precondition of the request (If-Match, If-None-Match or If-Unmodified-Since) does not hold");

    /// <summary>The request's preconditions as the store checks them against the object it is about to replace.</summary>
    private static Func<StoredObject?, bool>? Holds(CdmiCall call) => call.Preconditions.IsEmpty
        ? null
        : o => call.Preconditions.Evaluate(o is not null, o is null ? null : EntityTag(o), o?.Modified, isRead: false) == PreconditionOutcome.Proceed;
}
