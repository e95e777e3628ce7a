using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §11.2, §11.4: PUT with application/cdmi-queue creates a queue or changes its metadata.
    private async Task<CdmiReply> WriteQueueAsync(CdmiCall call, ObjectPath path, CdmiRequestBody body, MetadataWrite metadata, CancellationToken ct)
    {
        if (path.IsContainer)
        {
            return CdmiReply.Error(400, $"a queue's URI does not end with '/': '{path}'");
        }

        if (body.Sources.Count > 0)
        {
            return CdmiReply.Error(400, "queues are created empty; enqueue values with POST");
        }

        // A queue keeps and shows its cdmi_value_hash (its own, or its container's, §5.5), but queued values
        // are not hashed: CDMI 1.1.1 §11 gives them no metadata of their own to carry a cdmi_hash.
        return Answer(await store.PutQueueAsync(call.Caller, path,
            new ContainerWrite { Metadata = metadata.Items, Fields = FieldsOf(body), Acl = metadata.Acl, ValueHash = metadata.ValueHash }, ct));
    }

    // CDMI 1.1.1 §11.6: POST to a queue enqueues one value, or several given as arrays.
    private async Task<CdmiReply> EnqueueAsync(CdmiCall call, ObjectPath path, CancellationToken ct)
    {
        if (!call.IsCdmi || CdmiMediaTypes.Parse(call.ContentType) is not (CdmiMediaType.Queue or CdmiMediaType.Object))
        {
            return CdmiReply.Error(400, "enqueue with a CDMI request: Content-Type application/cdmi-queue and a JSON body");
        }

        var found = await store.GetAsync(call.Caller, path, ct);
        if (!found.Succeeded)
        {
            return CdmiStatus.Fail(found);
        }

        var json = await ReadJsonAsync(call.Body.AsStream(leaveOpen: true), ct);
        if (json is null)
        {
            return CdmiReply.Error(413, $"a CDMI body may have at most {options.MaxJsonBytes} bytes");
        }

        var (body, error) = CdmiBodyReader.Read(json);
        if (body is null)
        {
            return CdmiReply.Error(400, error!);
        }

        // CDMI 1.1.1 §11.6: an enqueue carries values; fields the standard does not define are set with a PUT (§11.4).
        if (body.UninterpretedFields is { } others)
        {
            return CdmiReply.Error(400, $"an enqueue carries 'value', 'mimetype' and 'valuetransferencoding' only, not '{Clip(others[0].Key)}'; set other fields with a PUT to the queue");
        }

        var raw = body.Values ?? (body.Value is { } one ? [one] : []);
        if (raw.Count == 0)
        {
            return CdmiReply.Error(400, "nothing to enqueue: give 'value' as a string or an array of strings");
        }

        var items = new List<QueueItem>();
        for (var i = 0; i < raw.Count; i++)
        {
            var encoding = body.ValueTransferEncodings is { } encodings ? encodings.ElementAtOrDefault(i) ?? "utf-8" : body.ValueTransferEncoding ?? "utf-8";
            var mimeType = body.MimeTypes is { } types ? types.ElementAtOrDefault(i) ?? ObjectStore.DefaultMimeType : body.MimeType ?? ObjectStore.DefaultMimeType;
            var (bytes, decodeError) = CdmiBodyReader.Decode(raw[i], encoding);
            if (bytes is null)
            {
                return CdmiReply.Error(400, $"value {i}: {decodeError}");
            }

            items.Add(new QueueItem(new MemoryStream(bytes, writable: false), mimeType, encoding));
        }

        var result = await store.EnqueueAsync(call.Caller, found.Value!, items, ct);
        return result.Succeeded ? CdmiReply.Empty(204) : CdmiStatus.Fail(result);
    }

    private async Task<CdmiReply> ReadQueueAsync(CdmiCall call, StoredObject queue, CancellationToken ct)
    {
        var shown = new List<QueuedView>();
        foreach (var item in queue.Queue.Take(call.Selection.ValuesCount ?? 1))
        {
            shown.Add(new QueuedView(item.MimeType, item.ValueTransferEncoding, await store.ReadQueuedAsync(item, ct)));
        }

        return CdmiReply.Json(200, ObjectViews.Of(queue) with { QueuedItems = shown }, call.Selection);
    }

    // CDMI 1.1.1 §11.7: DELETE with ?value or ?values:N removes the oldest values, not the queue.
    private async Task<CdmiReply> DequeueAsync(CdmiCall call, StoredObject queue, CancellationToken ct)
    {
        var count = call.Selection.ValuesCount ?? 1;
        var result = await store.DequeueAsync(call.Caller, queue, count, ct);
        return result.Succeeded ? CdmiReply.Empty(204) : CdmiStatus.Fail(result);
    }
}
