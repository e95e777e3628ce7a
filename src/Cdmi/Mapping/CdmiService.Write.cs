using System.IO.Pipelines;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    /// <summary>One metadata item's JSON text may have at most this many bytes (cdmi_metadata_maxsize).</summary>
    public const int MaxMetadataValueBytes = 64 * 1024;

    /// <summary>A decoded or copied value is read in large pieces on its way to the value store.</summary>
    private static readonly StreamPipeReaderOptions ValueReading = new(bufferSize: 1024 * 1024, minimumReadSize: 64 * 1024, leaveOpen: true);

    private async Task<CdmiReply> WriteAsync(CdmiCall call, ObjectPath path, CancellationToken ct)
    {
        var current = await store.GetAsync(call.Caller, path, ct);
        if (current is { Succeeded: true, Value: { Kind: ObjectKind.Reference } reference })
        {
            return Redirect(reference);
        }

        // RFC 9110 §13.2.2; a data object's write checks them again as it commits (see Holds).
        if (call.Preconditions.Evaluate(current.Succeeded, current.Value is { } now ? EntityTag(now) : null, current.Value?.Modified, isRead: false)
            != PreconditionOutcome.Proceed)
        {
            return PreconditionFailed(path.ToString());
        }

        if (!call.IsCdmi)
        {
            return await WritePlainAsync(call, path, ct);
        }

        var type = CdmiMediaTypes.Parse(call.ContentType);
        if (type is not (CdmiMediaType.Object or CdmiMediaType.Container or CdmiMediaType.Queue))
        {
            return CdmiReply.Error(400, type == CdmiMediaType.None
                ? "a CDMI PUT needs Content-Type application/cdmi-object, application/cdmi-container or application/cdmi-queue"
                : $"Content-Type '{Clip(call.ContentType!)}' cannot be written; use application/cdmi-object, application/cdmi-container or application/cdmi-queue");
        }

        if (type != CdmiMediaType.Queue && (type == CdmiMediaType.Container) != path.IsContainer)
        {
            // An update of an existing container named without its slash goes there (§9.1); a new one is 400.
            if (type == CdmiMediaType.Container && await SlashRedirectAsync(call, path, ct) is { } moved)
            {
                return moved;
            }

            return CdmiReply.Error(400, type == CdmiMediaType.Container
                ? $"a container's URI ends with '/': use '{path.AsContainer()}'"
                : $"a data object's URI does not end with '/': '{path}'");
        }

        // The value streams to a scratch file; only the rest of the body is held in memory.
        await using var scratch = store.Values.CreateScratch();
        var split = await JsonValueSplitter.SplitAsync(call.Body.AsStream(leaveOpen: true), scratch, options.MaxJsonBytes, store.Options.MaxValueBytes / 3 * 4 + 8, ct);
        if (split.Skeleton is null)
        {
            return CdmiReply.Error(split.TooLarge ? 413 : 400, split.Error!);
        }

        var (body, error) = CdmiBodyReader.Read(split.Skeleton);
        if (body is null)
        {
            return CdmiReply.Error(400, error!);
        }

        scratch.Position = 0;
        var valueText = split.HadValue ? scratch : null;

        // CDMI 1.1.1 §8.2.5 (Table 21, note a): value, copy, move, reference and the serialization fields exclude each other.
        if (body.Sources.Count + (split.HadValue ? 1 : 0) > 1)
        {
            return CdmiReply.Error(400, $"{string.Join(" and ", (split.HadValue ? ["value"] : Array.Empty<string>()).Concat(body.Sources))} may not be asked for together");
        }

        if (body.Sources.FirstOrDefault(s => s is "deserialize" or "serialize" or "deserializevalue") is { } unsupported)
        {
            return CdmiReply.Error(400, $"'{unsupported}' is not offered by this server (cdmi_serialization_json is false)");
        }

        var (metadata, metadataError) = ReadMetadata(body, call.Selection, type == CdmiMediaType.Container);
        if (metadata is null)
        {
            return CdmiReply.Error(400, metadataError!);
        }

        if (body.Move is { } moveFrom)
        {
            return await MoveAsync(call, path, moveFrom, body.MimeType, metadata, FieldsOf(body), ct);
        }

        if (body.Reference is { } target)
        {
            return await CreateReferenceAsync(call, path, type, target, body with { Reference = null }, split.HadValue, ct);
        }

        return type switch
        {
            CdmiMediaType.Container => await WriteContainerAsync(call, path, body, metadata, ct),
            CdmiMediaType.Queue => await WriteQueueAsync(call, path, body, metadata, ct),
            _ => await WriteDataObjectAsync(call, path, body, valueText, metadata, ct),
        };
    }

    private async Task<CdmiReply> WriteContainerAsync(CdmiCall call, ObjectPath path, CdmiRequestBody body, MetadataWrite metadata, CancellationToken ct)
    {
        var exports = body.Exports?.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (exports is not null && ExportCheck(exports) is { } bad)
        {
            return CdmiReply.Error(400, bad);
        }

        var write = new ContainerWrite { Metadata = metadata.Items, Fields = FieldsOf(body), Acl = metadata.Acl, ValueHash = metadata.ValueHash, Exports = exports };
        if (body.Copy is { } copyFrom)
        {
            // CDMI 1.1.1 §9.2: copy makes a new container holding copies of everything in the source.
            var source = await ResolveAsync(call, copyFrom, ct);
            if (!source.Succeeded)
            {
                return CdmiStatus.Fail(source);
            }

            if (source.Value!.Kind != ObjectKind.Container)
            {
                return CdmiReply.Error(400, "a container's copy must name a container");
            }

            // The store copies of each object below only what the caller may read of it.
            return UnreadableCopy(copyFrom, ContainerCarries, source.Value, call.Caller, fieldsMayBeNamed: false)
                ?? Answer(await store.CopyContainerAsync(call.Caller, source.Value, path, write, ct));
        }

        return Answer(await store.PutContainerAsync(call.Caller, path, write, ct));
    }

    private async Task<CdmiReply> WriteDataObjectAsync(CdmiCall call, ObjectPath path, CdmiRequestBody body, Stream? valueText, MetadataWrite metadata,
        CancellationToken ct)
    {
        Stream? value = null;
        string? mimeType = body.MimeType;
        var uninterpreted = FieldsOf(body);
        if (body.Copy is { } copyFrom)
        {
            // CDMI 1.1.1 §8.2.5, §8.4.4: a copy source URI naming fields copies only those fields; the
            // source and the destination may not both name fields.
            var query = copyFrom.IndexOf('?', StringComparison.Ordinal);
            var (fields, fieldError) = FieldSelection.Parse(query < 0 ? null : copyFrom[(query + 1)..]);
            if (fields is null)
            {
                return CdmiReply.Error(400, $"copy '{Clip(copyFrom)}': {fieldError}");
            }

            if (!fields.IsAll && !call.Selection.IsAll)
            {
                return CdmiReply.Error(400, "the copy source and the destination URI may not both name fields");
            }

            var source = await ResolveAsync(call, query < 0 ? copyFrom : copyFrom[..query], ct);
            if (!source.Succeeded)
            {
                return CdmiStatus.Fail(source);
            }

            if (source.Value!.Kind != ObjectKind.DataObject)
            {
                return CdmiReply.Error(400, "copy must name a data object");
            }

            var from = source.Value;
            if (UnreadableCopy(copyFrom, CarriedBesidesTheValue(fields), from, call.Caller, fieldsMayBeNamed: true) is { } refused)
            {
                return refused;
            }

            if (fields.IsAll || fields.Includes("value"))
            {
                var range = fields.ValueRange is { } r ? new WireRange(r.First, Math.Min(r.Last, from.Size - 1)) : (WireRange?)null;
                if (range is { } part && part.First >= from.Size)
                {
                    return CdmiReply.Error(400, $"copy '{Clip(copyFrom)}': value:{fields.ValueRange} is beyond the value's {from.Size} bytes");
                }

                value = range is { } slice ? new StreamSlice(store.OpenValue(from), slice.First, slice.Length) : store.OpenValue(from);
                body = body with { ValueTransferEncoding = body.ValueTransferEncoding ?? (range is null ? from.ValueTransferEncoding : "base64") };
            }

            if (fields.IsAll || fields.Includes("mimetype"))
            {
                mimeType ??= from.MimeType;
            }

            if (metadata.Items == JsonItemsChange.None && (fields.IsAll || fields.Includes("metadata")))
            {
                metadata = metadata with
                {
                    Items = new JsonItemsChange(from.Metadata.Where(m => fields.IncludesMetadata(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), null),
                };
            }

            // The source's cdmi_value_hash comes along with its metadata unless the body sets one (CDMI 1.1.1 §16.4).
            if (metadata.ValueHash is null && from.ValueHash is { } setting && (fields.IsAll || fields.IncludesMetadata(ValueHashSetting.MetadataName)))
            {
                metadata = metadata with { ValueHash = new ValueHashSetting(setting) };
            }

            // CDMI 1.1.1 §8.2.5: a complete copy carries the source's uninterpreted fields, a copy naming
            // fields only those it names; a field the body names replaces the source's of that name.
            var carried = from.UninterpretedFields.Where(f => fields.IsAll || fields.Fields.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            uninterpreted = new JsonItemsChange(uninterpreted.ApplyTo(carried), null);
        }

        var encoding = body.ValueTransferEncoding;
        if (encoding is not (null or "utf-8" or "base64"))
        {
            return CdmiReply.Error(400, $"valuetransferencoding '{Clip(encoding)}' is not supported; use utf-8 or base64");
        }

        long? offset = null;
        long? length = null;
        if (valueText is not null && call.Selection.ValueRange is not null)
        {
            // CDMI 1.1.1 §8.1, §8.4.4: a range is written as base64, and the object is then stored as base64.
            if (encoding == "utf-8")
            {
                return CdmiReply.Error(400, "a value range is written as base64 (valuetransferencoding base64 or none)");
            }

            encoding = "base64";
        }

        if (valueText is not null)
        {
            var existing = encoding is null ? await store.GetAsync(call.Caller, path, ct) : null;
            var effective = encoding ?? existing?.Value?.ValueTransferEncoding ?? "utf-8";
            // CDMI 1.1.1 §8.2.5: base64 values are decoded as they stream to the value store.
            value = effective == "base64"
                ? new Base64ReadStream(valueText)
                : valueText;
            if (call.Selection.ValueRange is { } range)
            {
                // CDMI 1.1.1 §8.4.4: ?value:first-last writes just those bytes; the store checks the count.
                offset = range.First;
                length = range.Length;
            }
        }

        await using (value)
        {
            var reader = value is null ? null : PipeReader.Create(value, ValueReading);
            StorageResult<StoredObject> result;
            try
            {
                result = await store.PutDataObjectAsync(call.Caller, path, new DataObjectWrite
                {
                    MimeType = mimeType,
                    Metadata = metadata.Items,
                    Fields = uninterpreted,
                    Acl = metadata.Acl,
                    ValueHash = metadata.ValueHash,
                    Value = reader,
                    Offset = offset,
                    Length = length,
                    ValueTransferEncoding = encoding,
                    IsComplete = !call.Partial,
                    Holds = Holds(call),
                }, ct);
            }
            catch (FormatException)
            {
                return CdmiReply.Error(400, "'value' is not valid base64");
            }
            finally
            {
                if (reader is not null)
                {
                    await reader.CompleteAsync();
                }
            }

            return result.Status == StorageStatus.LengthMismatch && call.Selection.ValueRange is { } asked
                ? CdmiReply.Error(400, $"value:{asked} names {asked.Length} bytes but the value has another length")
                : Answer(result);
        }
    }

    private static CdmiReply Answer(StorageResult<StoredObject> result) => result.Status switch
    {
        StorageStatus.Created => CdmiReply.Json(201, ObjectViews.Of(result.Value!), CreatedFields),
        StorageStatus.Ok => CdmiReply.Empty(204),
        _ => CdmiStatus.Fail(result),
    };

    /// <summary>
    /// The uninterpreted fields a body names (CDMI 1.1.1 §8.1): each replaces the stored field of its
    /// name, as a defined field given in an update replaces its value (§8.4.4); JSON null removes
    /// one (no CDMI answer carries null); fields the body does not name stay as they are.
    /// </summary>
    private static JsonItemsChange FieldsOf(CdmiRequestBody body) => body.UninterpretedFields is { } fields
        ? new JsonItemsChange(null, fields.ToDictionary(f => f.Key, f => f.Value == "null" ? null : f.Value, StringComparer.Ordinal))
        : JsonItemsChange.None;

    // CDMI 1.1.1 §13: an export is an object; the OCCI/iSCSI one lists the computes allowed to attach (§13.6).
    private static string? ExportCheck(Dictionary<string, string> exports)
    {
        foreach (var (protocol, json) in exports)
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return $"export '{Clip(protocol)}' must be a JSON object";
            }

            if (protocol == OcciIscsiExport.Protocol && OcciIscsiExport.ReadComputes(json).Error is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    private async Task<byte[]?> ReadJsonAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            var read = await body.ReadAsync(chunk, ct);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > options.MaxJsonBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }
}
