using System.Buffers;
using System.Text.Json;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// Renders an <see cref="ObjectView"/> as CDMI JSON in the specification's field order, with the
/// fields it does not define before the children and the value, only the fields selected, never a
/// JSON null. A value streams from its source in bounded chunks, so a large object never sits
/// whole in memory.
/// </summary>
public static class CdmiJsonWriter
{
    // A multiple of 3 keeps base64 chunks free of padding until the last one.
    private const int ChunkBytes = 3 * 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };

    /// <summary>Writes the object; <paramref name="value"/> (when the value field is wanted) is read for <paramref name="valueRange"/>.</summary>
    public static async Task WriteAsync(Stream output, ObjectView view, FieldSelection selection, Stream? value, WireRange? valueRange, CancellationToken ct)
    {
        await using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        Field(writer, selection, "objectType", CdmiMediaTypes.Name(view.Type));
        Field(writer, selection, "objectID", view.ObjectId);
        Field(writer, selection, "objectName", view.ObjectName);
        Field(writer, selection, "parentURI", view.ParentUri);
        Field(writer, selection, "parentID", view.ParentId);
        Field(writer, selection, "domainURI", view.DomainUri);
        Field(writer, selection, "capabilitiesURI", view.CapabilitiesUri);
        if (view.Type != CdmiMediaType.Capability)
        {
            Field(writer, selection, "completionStatus", view.CompletionStatus);
        }

        if (view.Type == CdmiMediaType.Object)
        {
            Field(writer, selection, "mimetype", view.MimeType ?? "application/octet-stream");
        }

        if (view.Type != CdmiMediaType.Capability && selection.Includes("metadata"))
        {
            Members(writer, "metadata", view.Metadata.Where(m => selection.IncludesMetadata(m.Key)));
        }

        if (view.Capabilities is { } capabilities && selection.Includes("capabilities"))
        {
            Members(writer, "capabilities", capabilities);
        }

        if (view.Exports is { } exports && selection.Includes("exports"))
        {
            Members(writer, "exports", exports);
        }

        if (view.QueueValues is { } queued && selection.Includes("queueValues"))
        {
            writer.WriteString("queueValues", queued == 0 ? "" : $"0-{queued - 1}");
        }

        // CDMI 1.1.1 §8.1: fields the standard does not define come back as stored, before the
        // children and the value (which may be long); one that a defined field would shadow never does.
        foreach (var (name, json) in view.UninterpretedFields)
        {
            if (!CdmiFieldNames.IsDefined(name) && json != "null" && selection.Includes(name))
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(json, skipInputValidation: true);
            }
        }

        if (view.Children is { } children)
        {
            WriteChildren(writer, selection, children);
        }

        if (view.QueuedItems is { Count: > 0 } items)
        {
            WriteQueued(writer, selection, items);
        }

        if (view.Type == CdmiMediaType.Object)
        {
            Field(writer, selection, "valuetransferencoding", view.ValueTransferEncoding ?? "utf-8");
            var range = valueRange ?? (view.Size == 0 ? null : new WireRange(0, view.Size - 1));
            if (selection.Includes("valuerange"))
            {
                writer.WriteString("valuerange", range?.ToString() ?? "");
            }

            if (selection.Includes("value"))
            {
                writer.WritePropertyName("value");
                await WriteValueAsync(writer, value ?? Stream.Null, range?.Length ?? 0, view.ValueTransferEncoding == "base64", ct);
            }
        }

        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    // CDMI 1.1.1 §11.3: the oldest value, or with values:N arrays of the oldest N.
    private static void WriteQueued(Utf8JsonWriter writer, FieldSelection selection, IReadOnlyList<QueuedView> items)
    {
        var many = selection.ValuesCount is not null;
        void Each(string name, Action<QueuedView> write)
        {
            if (!selection.Includes(name))
            {
                return;
            }

            writer.WritePropertyName(name);
            if (many)
            {
                writer.WriteStartArray();
            }

            foreach (var item in many ? items : items.Take(1))
            {
                write(item);
            }

            if (many)
            {
                writer.WriteEndArray();
            }
        }

        Each("mimetype", i => writer.WriteStringValue(i.MimeType));
        Each("valuetransferencoding", i => writer.WriteStringValue(i.ValueTransferEncoding));
        Each("valuerange", i => writer.WriteStringValue(i.Bytes.Length == 0 ? "" : $"0-{i.Bytes.Length - 1}"));
        Each("value", i =>
        {
            if (i.ValueTransferEncoding == "base64")
            {
                writer.WriteBase64StringValue(i.Bytes);
            }
            else
            {
                writer.WriteStringValue(System.Text.Encoding.UTF8.GetString(i.Bytes));
            }
        });
    }

    private static void WriteChildren(Utf8JsonWriter writer, FieldSelection selection, IReadOnlyList<string> children)
    {
        var first = (int)(selection.ChildrenRange?.First ?? 0);
        var last = selection.ChildrenRange is { } r ? (int)Math.Min(r.Last, children.Count - 1) : children.Count - 1;
        if (selection.Includes("childrenrange"))
        {
            writer.WriteString("childrenrange", last >= first ? $"{first}-{last}" : "");
        }

        if (selection.Includes("children"))
        {
            writer.WriteStartArray("children");
            for (var i = first; i <= last; i++)
            {
                writer.WriteStringValue(children[i]);
            }

            writer.WriteEndArray();
        }
    }

    private static async Task WriteValueAsync(Utf8JsonWriter writer, Stream value, long length, bool base64, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long left = length;
            var wroteAny = false;
            while (left > 0)
            {
                var want = (int)Math.Min(ChunkBytes, left);
                var read = await value.ReadAtLeastAsync(buffer.AsMemory(0, want), want, throwOnEndOfStream: false, ct);
                if (read == 0)
                {
                    break;
                }

                left -= read;
                var final = left == 0 || read < want;
                if (base64)
                {
                    writer.WriteBase64StringSegment(buffer.AsSpan(0, read), final);
                }
                else
                {
                    writer.WriteStringValueSegment(buffer.AsSpan(0, read), final);
                }

                wroteAny = true;
                if (final)
                {
                    break;
                }

                await writer.FlushAsync(ct);
            }

            if (!wroteAny)
            {
                writer.WriteStringValue(""u8);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

    }

    private static void Field(Utf8JsonWriter writer, FieldSelection selection, string name, string? text)
    {
        if (text is not null && selection.Includes(name))
        {
            writer.WriteString(name, text);
        }
    }

    private static void Members(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>> members)
    {
        writer.WriteStartObject(name);
        foreach (var (key, json) in members)
        {
            writer.WritePropertyName(key);
            writer.WriteRawValue(json, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }
}
