using System.Globalization;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>What a caller may see of an object, and the HTTP preconditions a request sets on it.</summary>
public sealed partial class CdmiService
{
    /// <summary>
    /// What the caller may not see of an object (CDMI 1.1.1 §16.1.5): its value and children
    /// without READ_OBJECT (LIST_CONTAINER), its metadata without READ_METADATA, its ACL without
    /// READ_ACL. A data object's value is not shown while its completionStatus is Processing (§8.2.2).
    /// </summary>
    private static HashSet<string> Withheld(StoredObject obj, StorageCaller caller)
    {
        var withheld = new HashSet<string>(StringComparer.Ordinal);
        if (!AccessPolicy.Allows(obj, caller, AceMask.ReadObject) || obj is { Kind: ObjectKind.DataObject, IsComplete: false })
        {
            withheld.UnionWith(["value", "valuerange"]);
        }

        if (!AccessPolicy.Allows(obj, caller, AceMask.ReadObject))
        {
            withheld.UnionWith(["children", "childrenrange", "queueValues"]);
        }

        if (!AccessPolicy.Allows(obj, caller, AceMask.ReadMetadata))
        {
            withheld.Add("metadata");
        }

        if (!AccessPolicy.Allows(obj, caller, AceMask.ReadAcl))
        {
            withheld.Add("cdmi_acl");
        }

        return withheld;
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
