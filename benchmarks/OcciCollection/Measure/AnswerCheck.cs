using System.Text;
using System.Text.Json;

namespace StandardsCloud.OcciCollection.Measure;

/// <summary>
/// Whether an answer really lists every compute. Every answer is counted (its entries' markers,
/// a vectorised search, so the client's CPU stays small beside the server's); the first answer of
/// each target is also read in full and its identifiers compared with the instances launched.
/// </summary>
public static class AnswerCheck
{
    private static readonly byte[] LocationLine = "X-OCCI-Location: "u8.ToArray();

    // Each resource object opens with its kind (GFD.225 §3.5.1); a link's source names the kind as
    // well, but inside {"location":…}, so this marker is one per compute.
    private static readonly byte[] ComputeObject = "{\"kind\":\"http://schemas.ogf.org/occi/infrastructure#compute\""u8.ToArray();

    /// <summary>Entries in an answer, counted by their markers.</summary>
    public static int Count(AnswerShape shape, ReadOnlySpan<byte> body, string? locationHeader) => shape switch
    {
        AnswerShape.UriList => body.Count((byte)'\n'),
        AnswerShape.TextPlain => body.Count(LocationLine),
        AnswerShape.TextOcci => locationHeader is null ? 0 : locationHeader.AsSpan().Count("/compute/"),
        AnswerShape.OcciJson or AnswerShape.PlainJsonArray => body.Count(ComputeObject),
        _ => 0,
    };

    /// <summary>Reads an answer in full; null when it names exactly <paramref name="expectedIds"/>, else what is wrong.</summary>
    public static string? Verify(AnswerShape shape, ReadOnlySpan<byte> body, string? locationHeader, IReadOnlySet<string> expectedIds)
    {
        List<string> ids;
        try
        {
            ids = shape switch
            {
                AnswerShape.UriList => IdsOfLocations(Encoding.UTF8.GetString(body).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)),
                AnswerShape.TextPlain => IdsOfLocations(Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => l.StartsWith("X-OCCI-Location: ", StringComparison.Ordinal) ? l["X-OCCI-Location: ".Length..] : throw new FormatException($"not a location line: {l}"))),
                AnswerShape.TextOcci => Encoding.UTF8.GetString(body) == "OK\n"
                    ? IdsOfLocations((locationHeader ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries))
                    : throw new FormatException("a text/occi body is OK"),
                AnswerShape.OcciJson => IdsOfJson(body, "resources"),
                AnswerShape.PlainJsonArray => IdsOfJson(body, null),
                _ => [],
            };
        }
        catch (Exception e) when (e is FormatException or JsonException or UriFormatException or KeyNotFoundException or InvalidOperationException)
        {
            return e.Message;
        }

        var distinct = ids.ToHashSet(StringComparer.Ordinal);
        if (ids.Count != expectedIds.Count || distinct.Count != ids.Count || !distinct.SetEquals(expectedIds))
        {
            return $"{ids.Count} entries ({distinct.Count} distinct, {distinct.Intersect(expectedIds).Count()} of them launched); expected the {expectedIds.Count} instances launched";
        }

        return null;
    }

    private static List<string> IdsOfLocations(IEnumerable<string> locations) =>
    [
        .. locations.Select(l =>
        {
            var path = new Uri(l.Trim(), UriKind.Absolute).AbsolutePath;
            return path.StartsWith("/compute/", StringComparison.Ordinal) ? path["/compute/".Length..] : throw new FormatException($"{l} is not a compute's location");
        }),
    ];

    private static List<string> IdsOfJson(ReadOnlySpan<byte> body, string? section)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var array = section is null ? document.RootElement : document.RootElement.GetProperty(section);
        return [.. array.EnumerateArray().Select(r => r.GetProperty("kind").GetString() == "http://schemas.ogf.org/occi/infrastructure#compute"
            ? r.GetProperty("id").GetString() ?? throw new FormatException("a resource without an id")
            : throw new FormatException($"a resource of kind {r.GetProperty("kind")}"))];
    }
}
