using System.Text.Json;
using System.Text.Json.Serialization;

namespace StandardsCloud.NodeProtocol;

/// <summary>
/// The node protocol's JSON, for both sides: camelCase members, enums by name. Defined once so the
/// core and the daemons can never disagree on the wire format.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(SyncResponse))]
[JsonSerializable(typeof(ConsoleChunk))]
public sealed partial class NodeJson : JsonSerializerContext;
