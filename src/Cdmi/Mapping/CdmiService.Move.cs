using StandardsCloud.Storage;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §8.2.5, §9.2.5: a move keeps the object's contents (its uninterpreted fields too); metadata
    // (and a data object's mimetype) given with it replace the source's, and fields it names replace theirs.
    private async Task<CdmiReply> MoveAsync(CdmiCall call, ObjectPath path, string from, string? mimeType, JsonItemsChange metadata,
        JsonItemsChange fields, CancellationToken ct)
    {
        var source = await ResolveAsync(call, from, ct);
        if (!source.Succeeded)
        {
            return CdmiStatus.Fail(source);
        }

        var moved = await store.MoveAsync(call.Caller, source.Value!, path, ct);
        if (!moved.Succeeded || (metadata == JsonItemsChange.None && mimeType is null && fields == JsonItemsChange.None))
        {
            return Answer(moved);
        }

        var changed = moved.Value!.Kind switch
        {
            ObjectKind.DataObject => await store.PutDataObjectAsync(call.Caller, path, new DataObjectWrite { MimeType = mimeType, Metadata = metadata, Fields = fields }, ct),
            ObjectKind.Container => await store.PutContainerAsync(call.Caller, path, new ContainerWrite { Metadata = metadata, Fields = fields }, ct),
            ObjectKind.Queue => await store.PutQueueAsync(call.Caller, path, new ContainerWrite { Metadata = metadata, Fields = fields }, ct),
            _ => moved,
        };
        return changed.Succeeded ? Answer(moved with { Value = changed.Value }) : CdmiStatus.Fail(changed);
    }
}
