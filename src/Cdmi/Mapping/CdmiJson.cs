using System.Text.Json.Serialization;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>Source-generated JSON for the few plain values the mapping writes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CdmiJson : JsonSerializerContext;
