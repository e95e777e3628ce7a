using System.IO.Pipelines;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §6.2, §6.4: a non-CDMI PUT carries the value itself; its Content-Type becomes the mimetype.
    private async Task<CdmiReply> WritePlainAsync(CdmiCall call, ObjectPath path, CancellationToken ct)
    {
        if (path.IsContainer)
        {
            // CDMI 1.1.1 §7.2.4: "A request body shall not be provided"; one that is gets 400 (Table 15) and nothing is made.
            if (await HasBodyAsync(call.Body, ct))
            {
                return CdmiReply.Error(400, $"a non-CDMI PUT to a container URI ('{path}') takes no body (CDMI 1.1.1 §7.2.4), so nothing was stored; "
                    + "to store bytes, PUT them to a data object's URI (no trailing '/'); to set a container's fields, send a CDMI request (Content-Type application/cdmi-container)");
            }

            // CDMI 1.1.1 §7.2: a non-CDMI PUT on a container URI creates the container.
            var made = await store.PutContainerAsync(call.Caller, path, new ContainerWrite(), ct);
            return made.Succeeded ? CdmiReply.Empty(made.Status == StorageStatus.Created ? 201 : 204) : CdmiStatus.Fail(made);
        }

        long? offset = null;
        long? length = null;
        if (call.ContentRange is not null)
        {
            if (HttpByteRanges.ReadContentRange(call.ContentRange) is not { } range)
            {
                return CdmiReply.Error(400, "Content-Range must be 'bytes first-last/total' or 'bytes first-last/*'");
            }

            offset = range.First;
            length = range.Length;
        }

        var result = await store.PutDataObjectAsync(call.Caller, path, new DataObjectWrite
        {
            // A range written without a Content-Type keeps the object's mimetype.
            MimeType = !string.IsNullOrWhiteSpace(call.ContentType) ? call.ContentType : offset is null ? "application/octet-stream" : null,
            Value = call.Body,
            Offset = offset,
            Length = length,
            ValueTransferEncoding = "base64",
            IsComplete = !call.Partial,
            Holds = Holds(call),
        }, ct);
        return result.Succeeded ? CdmiReply.Empty(result.Status == StorageStatus.Created ? 201 : 204) : CdmiStatus.Fail(result);
    }

    /// <summary>True when the request carries at least one byte of body; nothing is consumed.</summary>
    private static async Task<bool> HasBodyAsync(PipeReader body, CancellationToken ct)
    {
        var read = await body.ReadAsync(ct);
        var any = !read.Buffer.IsEmpty;
        body.AdvanceTo(read.Buffer.Start);
        return any;
    }
}
