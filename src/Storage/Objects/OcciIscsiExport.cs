using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StandardsCloud.Storage.Objects;

/// <summary>
/// The OCCI/iSCSI export of a container (CDMI 1.1.1 §13.6): its permissions name the computes that may
/// attach the container's block device, whose size is the container's <c>cdmi_assignedsize</c>
/// (CDMI 1.1.1 §16.4, data system metadata), in whole GiB. Pure: reads and writes the JSON texts.
/// </summary>
public static class OcciIscsiExport
{
    public const string Protocol = "OCCI/iSCSI";
    public const string AssignedSize = "cdmi_assignedsize";
    public const long GiB = 1L << 30;

    /// <summary>The size given to an export whose container has no cdmi_assignedsize.</summary>
    public const int DefaultSizeGiB = 1;

    /// <summary>The most computes one export names, and the longest URI naming one.</summary>
    public const int MaxPermissions = 256;
    public const int MaxUriLength = 2048;

    /// <summary>The longest compute id taken from a URI (the core checks its exact form).</summary>
    public const int MaxComputeIdLength = 64;

    private const string ComputeSegment = "/compute/";

    /// <summary>True when <paramref name="exports"/> holds an OCCI/iSCSI export.</summary>
    public static bool IsIn(IReadOnlyDictionary<string, string>? exports) => exports is not null && exports.ContainsKey(Protocol);

    /// <summary>
    /// The compute ids the export's <c>permissions</c> name (one URI or an array of them: absolute
    /// http(s) URIs or paths ending in <c>/compute/&lt;id&gt;</c>), or why they cannot be read.
    /// </summary>
    public static (IReadOnlyList<string>? Computes, string? Error) ReadComputes(string exportJson)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(exportJson, new JsonDocumentOptions { MaxDepth = 8 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "the OCCI/iSCSI export is not valid JSON");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "the OCCI/iSCSI export must be a JSON object");
        }

        if (!root.TryGetProperty("permissions", out var permissions) || permissions.ValueKind == JsonValueKind.Null)
        {
            return ([], null);
        }

        var uris = new List<string>();
        switch (permissions.ValueKind)
        {
            case JsonValueKind.String:
                uris.Add(permissions.GetString()!);
                break;
            case JsonValueKind.Array:
                if (permissions.GetArrayLength() > MaxPermissions)
                {
                    return (null, $"the OCCI/iSCSI export's permissions name at most {MaxPermissions} computes");
                }

                foreach (var item in permissions.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return (null, "the OCCI/iSCSI export's permissions are URIs of computes, as strings");
                    }

                    uris.Add(item.GetString()!);
                }

                break;
            default:
                return (null, "the OCCI/iSCSI export's permissions name computes as a string or an array of URIs");
        }

        var computes = new List<string>(uris.Count);
        foreach (var uri in uris)
        {
            if (ComputeIdOf(uri) is not { } id)
            {
                return (null, $"permission '{Clip(uri)}' is not the URI of a compute (…/compute/<id>)");
            }

            if (!computes.Contains(id, StringComparer.Ordinal))
            {
                computes.Add(id);
            }
        }

        return (computes, null);
    }

    /// <summary>The compute id at the end of an OCCI compute URI or path, or null.</summary>
    public static string? ComputeIdOf(string uri)
    {
        if (uri.Length is 0 or > MaxUriLength)
        {
            return null;
        }

        string path;
        if (uri.StartsWith('/'))
        {
            path = uri;
        }
        else if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" && absolute.Query.Length == 0 && absolute.Fragment.Length == 0)
        {
            path = absolute.AbsolutePath;
        }
        else
        {
            return null;
        }

        path = path.TrimEnd('/');
        var at = path.LastIndexOf(ComputeSegment, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var id = path[(at + ComputeSegment.Length)..];
        return id.Length is > 0 and <= MaxComputeIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? id : null;
    }

    /// <summary>
    /// The bytes cdmi_assignedsize names (a JSON string of decimal digits, or a JSON integer), null when
    /// the metadata has none, or why it cannot be read.
    /// </summary>
    public static (long? Bytes, string? Error) ReadAssignedSize(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(AssignedSize, out var json) ? ReadBytes(json) : (null, null);

    /// <summary>Reads one cdmi_assignedsize JSON text: a positive number of bytes.</summary>
    public static (long? Bytes, string? Error) ReadBytes(string json)
    {
        const string Problem = "cdmi_assignedsize is a number of bytes: a string of decimal digits, at least 1";
        string text;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1 });
            text = document.RootElement.ValueKind switch
            {
                JsonValueKind.String => document.RootElement.GetString()!,
                JsonValueKind.Number => document.RootElement.GetRawText(),
                _ => "",
            };
        }
        catch (JsonException)
        {
            return (null, Problem);
        }

        return text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? (bytes, null)
            : (null, Problem);
    }

    /// <summary>Whole GiB holding <paramref name="bytes"/> (rounded up), capped so it stays an int.</summary>
    public static int WholeGiB(long bytes) => (int)Math.Min(int.MaxValue, (bytes / GiB) + (bytes % GiB == 0 ? 0 : 1));

    /// <summary>cdmi_assignedsize as shown: the bytes of <paramref name="sizeGiB"/> whole GiB, as a JSON string.</summary>
    public static string RenderSize(int sizeGiB) => "\"" + (sizeGiB * GiB).ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The export's JSON with <c>identifier</c> set to where the computes attach the device; the rest as the client gave it.</summary>
    public static string WithIdentifier(string exportJson, string identifier)
    {
        var node = JsonNode.Parse(exportJson, documentOptions: new JsonDocumentOptions { MaxDepth = 8 }) as JsonObject ?? [];
        node["identifier"] = identifier;
        return node.ToJsonString();
    }

    private static string Clip(string text) => text.Length > 128 ? text[..128] + "…" : text;
}
