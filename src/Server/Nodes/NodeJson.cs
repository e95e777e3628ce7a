using System.Text.Json;
using System.Text.Json.Serialization;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Server.Nodes;

/// <summary>JSON of the node protocol: camelCase, enums as strings, as the node daemon writes it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(SyncResponse))]
[JsonSerializable(typeof(ConsoleChunk))]
internal sealed partial class NodeJson : JsonSerializerContext;
