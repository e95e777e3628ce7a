using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §8.2.5, §9.2.5, §11.2.5: a move keeps the object's contents (its uninterpreted fields too); metadata
    // (and a data object's mimetype) given with it replace the source's, and fields it names replace theirs.
    private async Task<CdmiReply> MoveAsync(CdmiCall call, ObjectPath path, string from, string? mimeType, MetadataWrite metadata,
        JsonItemsChange fields, CancellationToken ct)
    {
        var source = await ResolveAsync(call, from, ct);
        if (!source.Succeeded)
        {
            return CdmiStatus.Fail(source);
        }

        // CDMI 1.1.1 §8.2.5, §9.2.5, §11.2.5: one store call moves the object with its body's changes, or (one refused) changes nothing.
        // A moved object keeps its cdmi_value_hash (it was placed when created, §5.5) unless the body sets one.
        var write = new MoveWrite { MimeType = mimeType, Metadata = metadata.Items, Fields = fields, Acl = metadata.Acl, ValueHash = metadata.ValueHash };
        return Answer(await store.MoveAsync(call.Caller, source.Value!, path, write, ct));
    }
}
