using System.Text.Json.Serialization;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Server.Hosting;
using System.Text.Json;

namespace StandardsCloud.Server.Api;

/// <summary>JSON of the admin and monitoring API.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(AdminCredentials))]
[JsonSerializable(typeof(InstanceView))]
[JsonSerializable(typeof(IReadOnlyList<InstanceView>))]
[JsonSerializable(typeof(ReservationView))]
[JsonSerializable(typeof(LaunchBody))]
[JsonSerializable(typeof(IReadOnlyList<HistoryEntry>))]
[JsonSerializable(typeof(IReadOnlyList<HostView>))]
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(IReadOnlyList<UserView>))]
[JsonSerializable(typeof(QuotaBody))]
[JsonSerializable(typeof(AccessKeyView))]
[JsonSerializable(typeof(IReadOnlyList<AccessKeyView>))]
[JsonSerializable(typeof(NewAccessKeyView))]
[JsonSerializable(typeof(ImageBody))]
[JsonSerializable(typeof(ImageView))]
[JsonSerializable(typeof(IReadOnlyList<ImageView>))]
[JsonSerializable(typeof(IReadOnlyList<InstanceTypeView>))]
[JsonSerializable(typeof(ConsoleView))]
[JsonSerializable(typeof(DiskBody))]
[JsonSerializable(typeof(DiskChangeBody))]
[JsonSerializable(typeof(MountBody))]
[JsonSerializable(typeof(CopyBody))]
[JsonSerializable(typeof(DiskView))]
[JsonSerializable(typeof(List<DiskView>))]
[JsonSerializable(typeof(MountView))]
[JsonSerializable(typeof(List<MountView>))]
[JsonSerializable(typeof(SnapshotBody))]
[JsonSerializable(typeof(SnapshotView))]
[JsonSerializable(typeof(List<SnapshotView>))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
internal sealed partial class ApiJson : JsonSerializerContext;
