using System.Globalization;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    private async Task<CdmiReply> ReadAsync(CdmiCall call, ObjectPath path, CancellationToken ct)
    {
        var found = await store.GetAsync(call.Caller, path, ct);
        if (!found.Succeeded)
        {
            // CDMI 1.1.1 §9.1: a container named without its trailing slash is redirected to it.
            if (!path.IsContainer && (await store.GetAsync(call.Caller, path.AsContainer(), ct)).Succeeded)
            {
                var location = string.Join('/', path.AsContainer().Value.Split('/').Select(Uri.EscapeDataString))
                    + (call.Query.Length > 0 ? "?" + call.Query : "");
                return new CdmiReply(301) { Headers = new Dictionary<string, string> { ["Location"] = location } };
            }

            return CdmiStatus.Fail(found);
        }

        var obj = found.Value!;
        if (obj.Kind == ObjectKind.Reference)
        {
            return Redirect(obj);
        }

        if (call.Method == "GET")
        {
            // CDMI 1.1.1 §16.3: cdmi_atime is the time of the last read.
            obj = await store.TouchAsync(obj, ct);
        }

        if (obj.Kind == ObjectKind.DataObject && !call.IsCdmi)
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

            valueRange = new WireRange(asked.First, Math.Min(asked.Last, obj.Size - 1));
        }

        return CdmiReply.Json(200, ObjectViews.Of(obj), call.Selection, () => store.OpenValue(obj), valueRange);
    }

    // CDMI 1.1.1 §7.2: every operation on a reference but create and delete is redirected to its target.
    private static CdmiReply Redirect(StoredObject reference) =>
        new(302) { Headers = new Dictionary<string, string> { ["Location"] = reference.ReferenceTarget! } };

    // CDMI 1.1.1 §8.5: a non-CDMI read answers the value itself, typed by its mimetype.
    private CdmiReply ReadValue(CdmiCall call, StoredObject obj)
    {
        var (range, unsatisfiable) = HttpByteRanges.ReadRange(call.Range, obj.Size);
        var headers = new Dictionary<string, string>
        {
            ["Accept-Ranges"] = "bytes",
            ["ETag"] = "\"" + obj.Hash + "\"",
            ["Last-Modified"] = obj.Modified.UtcDateTime.ToString("R", CultureInfo.InvariantCulture),
        };
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
            return CdmiStatus.Fail(found);
        }

        if (found.Value!.Kind == ObjectKind.Queue && (call.Selection.ValuesCount is not null || call.Selection.Fields.Contains("value")))
        {
            return await DequeueAsync(call, found.Value, ct);
        }

        var deleted = await store.DeleteAsync(call.Caller, found.Value!, ct);
        return deleted.Succeeded ? CdmiReply.Empty(204) : CdmiStatus.Fail(deleted);
    }

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
