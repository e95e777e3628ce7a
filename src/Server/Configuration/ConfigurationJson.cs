using System.Text.Json;
using System.Text.Json.Serialization;

namespace StandardsCloud.Server.Configuration;

/// <summary>Strict reading of site files: unknown fields are errors, so a typo never goes unnoticed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SiteConfiguration))]
internal sealed partial class ConfigurationJson : JsonSerializerContext;
