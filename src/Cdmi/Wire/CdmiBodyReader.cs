using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// Reads CDMI request bodies strictly: one JSON object, each field at most once, each of the type
/// the specification gives it, bounded depth. An empty body is an empty object. Fields the
/// specification does not define are kept as their JSON texts.
/// </summary>
public static class CdmiBodyReader
{
    public const int MaxDepth = 32;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow };

    public static (CdmiRequestBody? Body, string? Error) Read(ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (new CdmiRequestBody(), null);
        }

        try
        {
            return ReadObject(json);
        }
        catch (JsonException e)
        {
            return (null, "the body is not valid JSON: " + e.Message.Split(" Path:", 2)[0]);
        }
    }

    private static (CdmiRequestBody? Body, string? Error) ReadObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, "the body must be a JSON object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var body = new CdmiRequestBody();
        var uninterpreted = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                return (null, $"the field '{Clip(name)}' appears twice");
            }

            reader.Read();
            switch (name)
            {
                case "mimetype" when reader.TokenType == JsonTokenType.StartArray:
                    var types = Strings(ref reader, name, out var e5);
                    if (e5 is not null) return (null, e5);
                    body = body with { MimeTypes = types };
                    break;
                case "valuetransferencoding" when reader.TokenType == JsonTokenType.StartArray:
                    var encodings = Strings(ref reader, name, out var e6);
                    if (e6 is not null) return (null, e6);
                    body = body with { ValueTransferEncodings = encodings };
                    break;
                case "value" when reader.TokenType == JsonTokenType.StartArray:
                    var list = new List<byte[]>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String) return (null, "each item of a 'value' array must be a JSON string");
                        list.Add(Utf8(ref reader));
                    }

                    body = body with { Values = list };
                    break;
                case "mimetype":
                    body = body with { MimeType = String(ref reader, name, out var e1) };
                    if (e1 is not null) return (null, e1);
                    break;
                case "domainURI":
                    body = body with { DomainUri = String(ref reader, name, out var e2) };
                    if (e2 is not null) return (null, e2);
                    break;
                case "copy" or "move" or "reference" or "deserialize" or "serialize" or "deserializevalue" or "valuetransferencoding":
                    var text = String(ref reader, name, out var e3);
                    if (e3 is not null) return (null, e3);
                    body = name switch
                    {
                        "copy" => body with { Copy = text },
                        "move" => body with { Move = text },
                        "reference" => body with { Reference = text },
                        "deserialize" => body with { Deserialize = text },
                        "serialize" => body with { Serialize = text },
                        "deserializevalue" => body with { DeserializeValue = text },
                        _ => body with { ValueTransferEncoding = text },
                    };
                    break;
                case "metadata" or "exports":
                    var members = Members(ref reader, name, out var e4);
                    if (e4 is not null) return (null, e4);
                    body = name == "metadata" ? body with { Metadata = members } : body with { Exports = members };
                    break;
                case "value":
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return (null, "'value' must be a JSON string");
                    }

                    body = body with { Value = Utf8(ref reader) };
                    break;
                default:
                    if (CdmiFieldNames.IsDefined(name))
                    {
                        // A field the standard defines but a request does not set (objectID, children, …): the server's own.
                        reader.Skip();
                        break;
                    }

                    // CDMI 1.1.1 §8.1: fields the standard does not define are stored, not interpreted.
                    if (name.Length == 0)
                    {
                        return (null, "a field needs a name: the body has one named \"\"");
                    }

                    using (var field = JsonDocument.ParseValue(ref reader))
                    {
                        uninterpreted.Add(new(name, field.RootElement.GetRawText()));
                    }

                    break;
            }
        }

        if (uninterpreted.Count > 0)
        {
            body = body with { UninterpretedFields = uninterpreted };
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return (null, "the body must hold exactly one JSON object");
        }

        return (body, null);
    }

    /// <summary>Decodes a value by its transfer encoding (CDMI 1.1.1 §8.2.5); an error when it is not valid.</summary>
    public static (byte[]? Bytes, string? Error) Decode(byte[] value, string encoding)
    {
        switch (encoding)
        {
            case "utf-8":
                return (value, null);
            case "base64":
                var bytes = (byte[])value.Clone();
                var status = Base64.DecodeFromUtf8InPlace(StripWhitespace(bytes), out var written);
                return status == OperationStatus.Done
                    ? (bytes[..written], null)
                    : (null, "'value' is not valid base64");
            default:
                return (null, $"valuetransferencoding '{Clip(encoding)}' is not supported; use utf-8 or base64");
        }
    }

    private static Span<byte> StripWhitespace(byte[] bytes)
    {
        var n = 0;
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            {
                bytes[n++] = b;
            }
        }

        return bytes.AsSpan(0, n);
    }

    private static byte[] Utf8(ref Utf8JsonReader reader)
    {
        var buffer = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        var length = reader.CopyString(buffer);
        return length == buffer.Length ? buffer : buffer[..length];
    }

    private static List<string>? Strings(ref Utf8JsonReader reader, string name, out string? error)
    {
        error = null;
        var result = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                error = $"each item of '{name}' must be a JSON string";
                return null;
            }

            result.Add(reader.GetString()!);
        }

        return result;
    }

    private static string? String(ref Utf8JsonReader reader, string name, out string? error)
    {
        error = reader.TokenType == JsonTokenType.String ? null : $"'{name}' must be a JSON string";
        return error is null ? reader.GetString() : null;
    }

    private static List<KeyValuePair<string, string>>? Members(ref Utf8JsonReader reader, string name, out string? error)
    {
        error = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"'{name}' must be a JSON object";
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (!seen.Add(key))
            {
                error = $"'{name}' names '{Clip(key)}' twice";
                return null;
            }

            reader.Read();
            using var element = JsonDocument.ParseValue(ref reader);
            result.Add(new(key, element.RootElement.GetRawText()));
        }

        return result;
    }

    private static string Clip(string text) => text.Length > 64 ? text[..64] + "…" : text;

    /// <summary>The UTF-8 text of a JSON string value, for messages.</summary>
    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
