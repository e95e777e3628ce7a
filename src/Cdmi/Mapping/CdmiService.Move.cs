using StandardsCloud.Storage;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §8.2.5, §9.2.5: a move keeps the object's contents (its uninterpreted fields too); metadata
    // (and a data object's mimetype) given with it replace the source's, and fields it names replace theirs.
    private async Task<CdmiReply> MoveAsync(CdmiCall call, ObjectPath path, string from, string? mimeType, MetadataWrite metadata,
        JsonItemsChange fields, CancellationToken ct)
    {
        var source = await ResolveAsync(call, from, ct);
        if (!source.Succeeded)
        {
            return CdmiStatus.Fail(source);
        }

        var moved = await store.MoveAsync(call.Caller, source.Value!, path, ct);
        if (!moved.Succeeded || (metadata.Items == JsonItemsChange.None && metadata.ValueHash is null && mimeType is null && fields == JsonItemsChange.None))
        {
            return Answer(moved);
        }

        // A moved object keeps its cdmi_value_hash (it was placed when created, §5.5) unless the move's body sets one.
        var holder = new ContainerWrite { Metadata = metadata.Items, Fields = fields, ValueHash = metadata.ValueHash };
        var changed = moved.Value!.Kind switch
        {
            ObjectKind.DataObject => await store.PutDataObjectAsync(call.Caller, path,
                new DataObjectWrite { MimeType = mimeType, Metadata = metadata.Items, Fields = fields, ValueHash = metadata.ValueHash }, ct),
            ObjectKind.Container => await store.PutContainerAsync(call.Caller, path, holder, ct),
            ObjectKind.Queue => await store.PutQueueAsync(call.Caller, path, holder, ct),
            _ => moved,
        };
        return changed.Succeeded ? Answer(moved with { Value = changed.Value }) : CdmiStatus.Fail(changed);
    }
}
