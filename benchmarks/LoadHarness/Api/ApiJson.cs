using System.Text.Json;
using System.Text.Json.Serialization;

namespace StandardsCloud.LoadHarness.Api;

/// <summary>JSON of the admin API and the site file, generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdminCredentials))]
[JsonSerializable(typeof(IReadOnlyList<HostEntry>))]
[JsonSerializable(typeof(IReadOnlyList<InstanceTypeEntry>))]
[JsonSerializable(typeof(ImageBody))]
[JsonSerializable(typeof(MarketplaceImageBody))]
[JsonSerializable(typeof(ImageEntry))]
[JsonSerializable(typeof(LaunchBody))]
[JsonSerializable(typeof(ReservationEntry))]
[JsonSerializable(typeof(IReadOnlyList<InstanceEntry>))]
[JsonSerializable(typeof(IReadOnlyList<HistoryRecord>))]
[JsonSerializable(typeof(SiteConfigFile))]
internal sealed partial class ApiJson : JsonSerializerContext;
