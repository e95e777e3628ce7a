using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Server.Api;

/// <summary>
/// <c>/api/v1/disks</c>: persistent disks as StratusLab's pdisk service offers them — list (own and
/// public), create, read, retag, take offline or online, delete, mount on and unmount from instances, copy-on-write copies,
/// snapshots, history. Others' public disks are readable and mountable, never changeable.
/// </summary>
internal static class DiskEndpoints
{
    /// <summary>Largest request body read, in bytes: every disk request is a few short fields.</summary>
    private const int MaxBody = 16 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/disks", async (HttpContext http, VolumeService volumes) =>
            Results.Ok((await volumes.ListAsync(Caller.Of(http), new VolumeQuery { IncludePublic = true }, http.RequestAborted))
                .Where(v => v.State != VolumeState.Deleted).OrderByDescending(v => v.CreatedAt).Select(DiskView.Of).ToList()));
        api.MapPost("/disks", CreateAsync);
        api.MapGet("/disks/{id}", async (string id, HttpContext http, VolumeService volumes) =>
            From(await volumes.GetAsync(Caller.Of(http), id, http.RequestAborted), v => Results.Ok(DiskView.Of(v))));
        api.MapPut("/disks/{id}", ChangeAsync);
        api.MapPatch("/disks/{id}", ChangeAsync);
        api.MapDelete("/disks/{id}", DeleteAsync);
        api.MapGet("/disks/{id}/mounts", MountsAsync);
        api.MapPost("/disks/{id}/mounts", MountAsync);
        api.MapDelete("/disks/{id}/mounts/{instance}", async (string id, string instance, HttpContext http, VolumeService volumes) =>
            From(await volumes.DetachAsync(Caller.Of(http), id, instance, forced: false, http.RequestAborted), _ => Results.NoContent()));
        api.MapPost("/disks/{id}/copies", CopyAsync);
        api.MapGet("/disks/{id}/snapshots", async (string id, HttpContext http, VolumeService volumes) =>
        {
            var found = await volumes.GetAsync(Caller.Of(http), id, http.RequestAborted);
            return found.IsOk
                ? Results.Ok((await volumes.ListSnapshotsAsync(Caller.Of(http), new SnapshotQuery { VolumeId = id }, http.RequestAborted)).Select(SnapshotView.Of).ToList())
                : From(found, _ => Results.Ok());
        });
        api.MapPost("/disks/{id}/snapshots", SnapshotAsync);
        api.MapDelete("/disks/{id}/snapshots/{snapshot}", DeleteSnapshotAsync);
        api.MapGet("/disks/{id}/history", async (string id, HttpContext http, VolumeService volumes) =>
            From(await volumes.HistoryAsync(Caller.Of(http), id, http.RequestAborted), Results.Ok));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, VolumeService volumes)
    {
        var (body, refused) = await ReadAsync(http, ApiJson.Default.DiskBody);
        if (refused is not null)
        {
            return refused;
        }

        if (body!.Snapshot is null && body.Size is null)
        {
            return ApiResults.BadRequest("size (GiB) is required, unless the disk is made from a snapshot");
        }

        if (SizeProblem(body.Size) is { } sizeRefused)
        {
            return sizeRefused;
        }

        if (!Names.TryVisibility(body.Visibility, out var visibility))
        {
            return ApiResults.BadRequest($"visibility is private or public, not '{body.Visibility}'");
        }

        var created = await volumes.CreateAsync(Caller.Of(http),
            new VolumeRequest(body.Size, SnapshotId: body.Snapshot, Name: body.Tag, Visibility: visibility ?? VolumeVisibility.Private), http.RequestAborted);
        return From(created, v => Results.Created($"/api/v1/disks/{v.Id}", DiskView.Of(v)));
    }

    private static async Task<IResult> ChangeAsync(string id, HttpContext http, VolumeService volumes)
    {
        var (body, refused) = await ReadAsync(http, ApiJson.Default.DiskChangeBody);
        if (refused is not null)
        {
            return refused;
        }

        if (!Names.TryVisibility(body!.Visibility, out var visibility))
        {
            return ApiResults.BadRequest($"visibility is private or public, not '{body.Visibility}'");
        }

        // The core answers 403 for another user's public disk and 404 for a disk the caller cannot see.
        return From(await volumes.UpdateAsync(Caller.Of(http), id, new VolumeUpdate(Name: body.Tag, Visibility: visibility, Online: body.Online), http.RequestAborted),
            v => Results.Ok(DiskView.Of(v)));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, VolumeService volumes) =>
        From(await volumes.DeleteAsync(Caller.Of(http), id, http.RequestAborted), _ => Results.NoContent());

    // The owner sees every mount of a disk; another user (of a public disk) only those on their own instances.
    private static async Task<IResult> MountsAsync(string id, HttpContext http, VolumeService volumes, InstanceService instances)
    {
        var actor = Caller.Of(http);
        var found = await volumes.GetAsync(actor, id, http.RequestAborted);
        if (!found.IsOk)
        {
            return From(found, _ => Results.Ok());
        }

        var disk = found.Value!;
        var attachments = disk.Attachments;
        if (!actor.MayAccess(disk.Owner) && attachments.Count > 0)
        {
            var mine = (await instances.ListAsync(actor, new InstanceQuery { Ids = [.. attachments.Select(a => a.InstanceId)] }, http.RequestAborted))
                .Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            attachments = [.. attachments.Where(a => mine.Contains(a.InstanceId))];
        }

        return Results.Ok(attachments.Select(a => MountView.Of(disk.Id, a)).ToList());
    }

    private static async Task<IResult> MountAsync(string id, HttpContext http, VolumeService volumes)
    {
        var (body, refused) = await ReadAsync(http, ApiJson.Default.MountBody);
        if (refused is not null)
        {
            return refused;
        }

        if (body!.Instance is not { Length: > 0 } instance)
        {
            return ApiResults.BadRequest("instance (the id of one of your instances) is required");
        }

        var attached = await volumes.AttachAsync(Caller.Of(http), id, instance, body.Device is { Length: > 0 } device ? device : null,
            body.MountPoint is { Length: > 0 } mountPoint ? mountPoint : null, http.RequestAborted);
        return From(attached, v => Results.Created($"/api/v1/disks/{v.Id}/mounts/{instance}",
            MountView.Of(v.Id, v.Attachments.First(a => a.InstanceId == instance))));
    }

    private static async Task<IResult> CopyAsync(string id, HttpContext http, VolumeService volumes)
    {
        var (body, refused) = await ReadAsync(http, ApiJson.Default.CopyBody);
        if (refused is not null)
        {
            return refused;
        }

        if (SizeProblem(body!.Size) is { } sizeRefused)
        {
            return sizeRefused;
        }

        if (!Names.TryVisibility(body.Visibility, out var visibility))
        {
            return ApiResults.BadRequest($"visibility is private or public, not '{body.Visibility}'");
        }

        var copied = await volumes.CopyAsync(Caller.Of(http), id,
            new VolumeRequest(body.Size, Name: body.Tag, Visibility: visibility ?? VolumeVisibility.Private), http.RequestAborted);
        return From(copied, v => Results.Created($"/api/v1/disks/{v.Id}", DiskView.Of(v)));
    }

    private static async Task<IResult> SnapshotAsync(string id, HttpContext http, VolumeService volumes)
    {
        var (body, refused) = await ReadAsync(http, ApiJson.Default.SnapshotBody);
        if (refused is not null)
        {
            return refused;
        }

        var taken = await volumes.SnapshotAsync(Caller.Of(http), id, body!.Description, null, http.RequestAborted);
        return From(taken, s => Results.Created($"/api/v1/disks/{id}/snapshots/{s.Id}", SnapshotView.Of(s)));
    }

    // A snapshot is deleted through the disk it was taken of, so a path naming another disk's snapshot finds nothing.
    private static async Task<IResult> DeleteSnapshotAsync(string id, string snapshot, HttpContext http, VolumeService volumes)
    {
        var found = await volumes.GetSnapshotAsync(Caller.Of(http), snapshot, http.RequestAborted);
        if (!found.IsOk || found.Value!.VolumeId != id)
        {
            return ApiResults.Problem(ComputeStatus.NotFound, $"disk {id} has no snapshot {snapshot}");
        }

        return From(await volumes.DeleteSnapshotAsync(Caller.Of(http), snapshot, http.RequestAborted), _ => Results.NoContent());
    }

    private static IResult? SizeProblem(int? size) => size switch
    {
        null => null,
        <= 0 => ApiResults.BadRequest($"size is a positive number of GiB, not {size}"),
        > VolumeService.MaxSizeGiB => Results.Problem(detail: $"a disk is at most {VolumeService.MaxSizeGiB} GiB", statusCode: StatusCodes.Status413PayloadTooLarge, title: "TooLarge"),
        _ => null,
    };

    /// <summary>
    /// The core's answer; a disk over the caller's volume quota is 413, as pdisk answers a disk too
    /// large to make, and a snapshot over the snapshot quota 403 with its own title.
    /// </summary>
    private static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome switch
    {
        { Status: ComputeStatus.QuotaExceeded, Quota: QuotaKind.Snapshots } =>
            Results.Problem(detail: outcome.Reason, statusCode: StatusCodes.Status403Forbidden, title: "SnapshotQuotaExceeded"),
        { Status: ComputeStatus.QuotaExceeded } =>
            Results.Problem(detail: outcome.Reason, statusCode: StatusCodes.Status413PayloadTooLarge, title: nameof(ComputeStatus.QuotaExceeded)),
        _ => ApiResults.From(outcome, ok),
    };

    /// <summary>A JSON body of at most <see cref="MaxBody"/> bytes; an absent body reads as an empty object.</summary>
    private static async Task<(T? Body, IResult? Refused)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type) where T : class
    {
        var request = http.Request;
        if (request.ContentLength > MaxBody)
        {
            return (null, Results.Problem(detail: $"request bodies are at most {MaxBody} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "TooLarge"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return (null, Results.Problem(detail: $"request bodies are at most {MaxBody} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "TooLarge"));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (JsonSerializer.Deserialize("{}", type), null);
        }

        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(detail: $"send the body as application/json, not {contentType}", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "UnsupportedMediaType"));
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type) is { } body
                ? (body, null)
                : (null, ApiResults.BadRequest("the body must be a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, ApiResults.BadRequest($"the body is not the JSON expected: {e.Message}"));
        }
    }
}
