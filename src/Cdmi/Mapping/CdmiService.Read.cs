using System.Globalization;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    private async Task<CdmiReply> ReadAsync(CdmiCall call, ObjectPath path, CancellationToken ct)
    {
        var found = await store.GetAsync(call.Caller, path, ct);
        if (!found.Succeeded)
        {
            return await SlashRedirectAsync(call, path, ct) ?? CdmiStatus.Fail(found);
        }

        var obj = found.Value!;
        if (obj.Kind == ObjectKind.Reference)
        {
            return Redirect(obj);
        }

        // CDMI 1.1.1 §16.1.5: a non-CDMI GET of a value the caller may not read is 403.
        var mayRead = AccessPolicy.Allows(obj, call.Caller, AceMask.ReadObject);
        var plainValue = obj.Kind == ObjectKind.DataObject && !call.IsCdmi;
        if (plainValue && !mayRead)
        {
            return CdmiReply.Error(403, $"'{path}': not allowed to read its value");
        }

        // Every other read answers CDMI JSON (a container's or queue's even without the version header).
        var onlyProcessing = false;
        if (!plainValue)
        {
            call = call with { Selection = Readable(call.Selection, obj, call.Caller) };
            if (call.Selection.AsksOnlyWithheld(ObjectViews.NonAttributeFields(obj)))
            {
                // Only the value of an object still Processing: say so instead of answering nothing (§8.2.2).
                onlyProcessing = mayRead && !obj.IsComplete && !call.Selection.IsWithheld("completionStatus");
                if (!onlyProcessing)
                {
                    return NothingReadable(path, call, obj);
                }
            }
        }

        // RFC 9110 §13.2.1: preconditions are weighed only for a read that would otherwise succeed, so a
        // refusal above stays one; then a read the client already holds is 304, a false If-Match or
        // If-Unmodified-Since 412 (§13.2.2).
        switch (call.Preconditions.Evaluate(true, EntityTag(obj), obj.Modified, isRead: true))
        {
            case PreconditionOutcome.NotModified:
                return new CdmiReply(304) { Headers = ValidatorHeaders(obj) };
            case PreconditionOutcome.Failed:
                return PreconditionFailed(path.ToString());
        }

        if (onlyProcessing)
        {
            return CdmiReply.Json(200, ObjectViews.Of(obj), new FieldSelection { Fields = new HashSet<string>(["completionStatus"], StringComparer.Ordinal) });
        }

        if (call.Method == "GET")
        {
            // CDMI 1.1.1 §16.3: cdmi_atime is the time of the last read.
            obj = await store.TouchAsync(obj, ct);
        }

        if (plainValue)
        {
            return ReadValue(call, obj);
        }

        var type = ObjectViews.Of(obj).Type;
        if (call.IsCdmi && !CdmiMediaTypes.Accepts(call.Accept, type))
        {
            return CdmiReply.Error(406, $"'{path}' is {CdmiMediaTypes.Name(type)}, which the Accept header does not admit");
        }

        if (obj.Kind == ObjectKind.Queue)
        {
            return await ReadQueueAsync(call, obj, ct);
        }

        if (obj.Kind == ObjectKind.Container)
        {
            var children = (await store.ChildrenAsync(call.Caller, obj, ct)).Select(ObjectViews.ChildName).ToList();
            if (call.Selection.ChildrenRange is { } r && r.First >= Math.Max(children.Count, 1))
            {
                return CdmiReply.Error(400, $"children:{r} is beyond the {children.Count} children");
            }

            return CdmiReply.Json(200, ObjectViews.Of(obj, children), call.Selection);
        }

        WireRange? valueRange = obj.Size == 0 ? null : new WireRange(0, obj.Size - 1);
        if (call.Selection.ValueRange is { } asked)
        {
            if (asked.First >= Math.Max(obj.Size, 1))
            {
                return CdmiReply.Error(400, $"value:{asked} is beyond the value's {obj.Size} bytes");
            }

            // An empty value has no bytes to range over: valuerange "" and value "", as for no children.
            valueRange = obj.Size == 0 ? null : new WireRange(asked.First, Math.Min(asked.Last, obj.Size - 1));
        }

        // CDMI 1.1.1 §8.1: a byte range of a UTF-8 string is often not one, so a range always travels as base64.
        var view = call.Selection.ValueRange is null ? ObjectViews.Of(obj) : ObjectViews.Of(obj) with { ValueTransferEncoding = "base64" };
        // The same validators as a plain read's (RFC 9110 §8.8): a CDMI client may make its writes conditional too.
        return CdmiReply.Json(200, view, call.Selection, () => store.OpenValue(obj), valueRange) with { Headers = ValidatorHeaders(obj) };
    }

    /// <summary>A CDMI GET none of whose fields the caller may see (CDMI 1.1.1 §16.1.5): 403, saying which rights it lacks.</summary>
    private static CdmiReply NothingReadable(ObjectPath path, CdmiCall call, StoredObject obj)
    {
        var selection = call.Selection;
        var reasons = new List<string>();
        if (selection.IsWithheld("children"))
        {
            reasons.Add("the value and children need READ_OBJECT");
        }
        else if (obj is { Kind: ObjectKind.DataObject, IsComplete: false })
        {
            reasons.Add("the value is not shown while completionStatus is Processing");
        }

        if (selection.IsWithheld("metadata"))
        {
            reasons.Add("the metadata needs READ_METADATA");
        }

        if (selection.AttributesWithheld)
        {
            reasons.Add("the attribute fields (all but the value, children and metadata fields) need READ_ATTRIBUTES");
        }

        var asked = selection.IsAll ? "any of its fields" : "?" + Clip(call.Query);
        return CdmiReply.Error(403, $"'{path}': not allowed to read {asked}" + string.Concat(reasons.Select(r => "; " + r)));
    }

    /// <summary>CDMI 1.1.1 §9.1: a request on an existing container named without its trailing slash is redirected to it.</summary>
    private async Task<CdmiReply?> SlashRedirectAsync(CdmiCall call, ObjectPath path, CancellationToken ct)
    {
        if (path.IsContainer || !(await store.GetAsync(call.Caller, path.AsContainer(), ct)).Succeeded)
        {
            return null;
        }

        var location = string.Join('/', path.AsContainer().Value.Split('/').Select(Uri.EscapeDataString))
            + (call.Query.Length > 0 ? "?" + call.Query : "");
        return new CdmiReply(301) { Headers = new Dictionary<string, string> { ["Location"] = location } };
    }

    // CDMI 1.1.1 §5.16: every operation on a reference but create and delete is redirected to its target.
    private static CdmiReply Redirect(StoredObject reference) =>
        new(302) { Headers = new Dictionary<string, string> { ["Location"] = reference.ReferenceTarget! } };

    // CDMI 1.1.1 §6.3: a non-CDMI read answers the value itself, typed by its mimetype.
    private CdmiReply ReadValue(CdmiCall call, StoredObject obj)
    {
        // RFC 9110 §13.1.5: a Range under an If-Range that no longer holds gets the whole value.
        var rangeHeader = call.Preconditions.RangeStillApplies(EntityTag(obj), obj.Modified) ? call.Range : null;
        var (range, unsatisfiable) = HttpByteRanges.ReadRange(rangeHeader, obj.Size);
        var headers = ValidatorHeaders(obj);
        headers["Accept-Ranges"] = "bytes";
        if (unsatisfiable)
        {
            headers["Content-Range"] = string.Create(CultureInfo.InvariantCulture, $"bytes */{obj.Size}");
            return CdmiReply.Error(416, $"the value has {obj.Size} bytes") with { Headers = headers };
        }

        if (range is { } r)
        {
            headers["Content-Range"] = string.Create(CultureInfo.InvariantCulture, $"bytes {r.First}-{r.Last}/{obj.Size}");
        }

        var first = range?.First ?? 0;
        var length = range?.Length ?? obj.Size;
        return new CdmiReply(range is null ? 200 : 206)
        {
            ContentType = obj.MimeType,
            ContentLength = length,
            Headers = headers,
            PipeBody = call.Method == "HEAD" ? null : async (output, ct) =>
            {
                await using var value = store.OpenValue(obj);
                value.Seek(first, SeekOrigin.Begin);
                await SendAsync(value, output, length, ct);
            },
        };
    }

    /// <summary>
    /// Reads the value file straight into the response's buffers, a large piece at a time, with
    /// plain synchronous reads (on Linux an "asynchronous" file read is a thread-pool hop per
    /// piece). Kestrel has no kernel sendfile, and its SendFileAsync copies through a second
    /// buffer, so this one copy from the page cache is the least the bytes can take.
    /// </summary>
    private static async Task SendAsync(Stream from, System.IO.Pipelines.PipeWriter to, long length, CancellationToken ct)
    {
        while (length > 0)
        {
            var memory = to.GetMemory(SendPieceBytes);
            var read = from.Read(memory.Span[..(int)Math.Min(memory.Length, length)]);
            if (read == 0)
            {
                break;
            }

            to.Advance(read);
            length -= read;
            var flushed = await to.FlushAsync(ct);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                break;
            }
        }
    }

    private const int SendPieceBytes = 1024 * 1024;

    private async Task<CdmiReply> DeleteAsync(CdmiCall call, ObjectPath path, CancellationToken ct)
    {
        var found = await store.GetAsync(call.Caller, path, ct);
        if (!found.Succeeded)
        {
            return await SlashRedirectAsync(call, path, ct) ?? CdmiStatus.Fail(found);
        }

        if (call.Preconditions.Evaluate(true, EntityTag(found.Value!), found.Value!.Modified, isRead: false) != PreconditionOutcome.Proceed)
        {
            return PreconditionFailed(path.ToString());
        }

        if (found.Value!.Kind == ObjectKind.Queue && IsDequeue(call.Selection))
        {
            return await DequeueAsync(call, found.Value, ct);
        }

        // CDMI 1.1.1 §8.5.7, §9.5.7: a delete names no fields (400 for field names); only a queue's
        // ?value and ?values:N (§11.7) delete less than the whole object.
        if (!call.Selection.IsAll)
        {
            return CdmiReply.Error(400, found.Value.Kind == ObjectKind.Queue
                ? $"DELETE '?{Clip(call.Query)}' is not a dequeue: a queue's DELETE takes ?value or ?values:N, or nothing to delete the queue"
                : $"DELETE takes no field names ('?{Clip(call.Query)}'); send it without a query to delete the whole {(found.Value.Kind == ObjectKind.Container ? "container" : "object")}");
        }

        var deleted = await store.DeleteAsync(call.Caller, found.Value!, ct);
        return deleted.Succeeded ? CdmiReply.Empty(204) : CdmiStatus.Fail(deleted);
    }

    private static bool IsDequeue(FieldSelection selection) =>
        selection is { MetadataPrefixes.Count: 0, ValueRange: null, ChildrenRange: null }
        && (selection.ValuesCount is not null ? selection.Fields.Count == 0 : selection.Fields.Count == 1 && selection.Fields.Contains("value"));

    /// <summary>What a create answers (CDMI 1.1.1 §8.2.7, §9.2.7): every field but the value.</summary>
    private static FieldSelection CreatedFields { get; } = new()
    {
        Fields = new HashSet<string>(StringComparer.Ordinal)
        {
            "objectType", "objectID", "objectName", "parentURI", "parentID", "domainURI", "capabilitiesURI",
            "completionStatus", "mimetype", "metadata", "exports", "childrenrange", "children", "queueValues",
        },
    };

    private static StorageResult<T> Bad<T>(string message) => StorageResult<T>.Fail(StorageStatus.InvalidRequest, message);
}
