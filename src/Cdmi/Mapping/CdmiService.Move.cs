using StandardsCloud.Storage;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §8.2.5, §9.2.5: metadata (and a data object's mimetype) given with move replace the source's.
    private async Task<CdmiReply> MoveAsync(CdmiCall call, ObjectPath path, string from, string? mimeType, JsonItemsChange metadata,
        CancellationToken ct)
    {
        var source = await ResolveAsync(call, from, ct);
        if (!source.Succeeded)
        {
            return CdmiStatus.Fail(source);
        }

        var moved = await store.MoveAsync(call.Caller, source.Value!, path, ct);
        if (!moved.Succeeded || (metadata == JsonItemsChange.None && mimeType is null))
        {
            return Answer(moved);
        }

        var changed = moved.Value!.Kind switch
        {
            ObjectKind.DataObject => await store.PutDataObjectAsync(call.Caller, path, new DataObjectWrite { MimeType = mimeType, Metadata = metadata }, ct),
            ObjectKind.Container => await store.PutContainerAsync(call.Caller, path, new ContainerWrite { Metadata = metadata }, ct),
            ObjectKind.Queue => await store.PutQueueAsync(call.Caller, path, new ContainerWrite { Metadata = metadata }, ct),
            _ => moved,
        };
        return changed.Succeeded ? Answer(moved with { Value = changed.Value }) : CdmiStatus.Fail(changed);
    }
}
