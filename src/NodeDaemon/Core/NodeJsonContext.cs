using System.Text.Json;
using System.Text.Json.Serialization;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Core;

/// <summary>Serialisation of the node protocol: camelCase members, enums by name.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(SyncResponse))]
[JsonSerializable(typeof(ConsoleChunk))]
public sealed partial class NodeJsonContext : JsonSerializerContext;
