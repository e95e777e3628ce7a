using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>What a copy may take from its source: only what the caller may read of it.</summary>
public sealed partial class CdmiService
{
    /// <summary>
    /// The fields of a data object a copy from a source URI naming <paramref name="fields"/> carries
    /// besides the value (CDMI 1.1.1 §8.2.5): its metadata, mimetype and uninterpreted fields, or
    /// those the URI names. The value is not listed: every copy needs READ_OBJECT (see ResolveAsync).
    /// </summary>
    private static IEnumerable<string> CarriedBesidesTheValue(FieldSelection fields)
    {
        if (fields.IsAll)
        {
            // The mimetype stands for every attribute field: each needs READ_ATTRIBUTES, so whether the
            // source has uninterpreted fields does not change the answer.
            return ["metadata", "mimetype"];
        }

        var named = fields.Fields.Where(f => f == "mimetype" || !CdmiFieldNames.IsDefined(f));
        return fields.Fields.Contains("metadata") || fields.MetadataPrefixes.Count > 0 ? named.Append("metadata") : named;
    }

    /// <summary>The fields a container's copy carries of the container itself besides its children (CDMI 1.1.1 §9.2.5).</summary>
    private static IReadOnlyList<string> ContainerCarries { get; } = ["metadata", "exports"];

    /// <summary>
    /// A 400 naming the rights the caller lacks when a copy would carry a field of
    /// <paramref name="source"/> that a read would withhold from it (see Readable), or null when it may
    /// copy. Decided by the caller's rights, not by which fields the source happens to hold.
    /// </summary>
    private static CdmiReply? UnreadableCopy(string copyUri, IEnumerable<string> carried, StoredObject source, StorageCaller caller, bool fieldsMayBeNamed)
    {
        var readable = Readable(FieldSelection.All, source, caller);
        var reasons = carried.Where(readable.IsWithheld).Select(field => field switch
        {
            "metadata" => "its metadata needs READ_METADATA",
            _ => "its attribute fields (mimetype, exports and fields CDMI does not define) need READ_ATTRIBUTES",
        }).Distinct().ToList();
        if (reasons.Count == 0)
        {
            return null;
        }

        // CDMI 1.1.1 §8.2.5, §9.2.5: insufficient permissions to read the source make a copy 400, the destination unchanged.
        var advice = fieldsMayBeNamed ? "; naming fields in the copy source URI (e.g. '?value' or '?value;metadata') copies only those" : "";
        return CdmiReply.Error(400, $"copy '{Clip(copyUri)}': not allowed to read all a copy carries: {string.Join("; ", reasons)}{advice}");
    }
}
