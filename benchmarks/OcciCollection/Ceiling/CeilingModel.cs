using System.Text.Json;
using System.Text.Json.Serialization;

namespace StandardsCloud.OcciCollection.Ceiling;

// Plain objects with the fields the OCCI JSON rendering carries for a compute (GFD.225 §3.5): the
// ceiling serves a list of these, filled once from what OCCI itself answered at the start.
// Attribute values stay JsonElements so numbers and strings keep their types and digits.

public sealed record CeilingResource(
    string Kind,
    IReadOnlyList<string> Mixins,
    Dictionary<string, JsonElement> Attributes,
    IReadOnlyList<string> Actions,
    string Id,
    string? Title,
    string? Summary,
    IReadOnlyList<CeilingLink>? Links);

public sealed record CeilingLink(
    string Kind,
    IReadOnlyList<string> Mixins,
    Dictionary<string, JsonElement> Attributes,
    IReadOnlyList<string> Actions,
    string Id,
    string? Title,
    CeilingTarget Source,
    CeilingTarget Target);

public sealed record CeilingTarget(string Location, string? Kind);

/// <summary>The OCCI JSON collection, as read once at the start.</summary>
public sealed record CeilingCollection(IReadOnlyList<CeilingResource> Resources);

/// <summary>System.Text.Json generated at build time, as a service tuned for speed would have it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CeilingCollection))]
[JsonSerializable(typeof(IReadOnlyList<CeilingResource>))]
public sealed partial class CeilingJson : JsonSerializerContext;
