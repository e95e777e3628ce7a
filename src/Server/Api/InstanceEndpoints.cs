using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Server.Api;

/// <summary><c>/api/v1/instances</c>: launch, list, act on instances and read their history.</summary>
internal static class InstanceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/instances", ListAsync);
        api.MapPost("/instances", LaunchAsync);
        api.MapGet("/instances/{id}", async (string id, HttpContext http, InstanceService instances) =>
            ApiResults.From(await instances.GetAsync(Caller.Of(http), id, http.RequestAborted), i => Results.Ok(InstanceView.Of(i))));
        api.MapDelete("/instances/{id}", (string id, HttpContext http, InstanceService instances) => ActAsync(id, "terminate", http, instances));
        api.MapPost("/instances/{id}/save", async (string id, SaveBody? body, HttpContext http, InstanceService instances) =>
            ApiResults.From(await instances.SaveDiskAsync(Caller.Of(http), id, body?.Name, body?.Deferred ?? false, http.RequestAborted),
                i => Results.Accepted($"/api/v1/images/{i.Id}", ImageView.Of(i))));
        api.MapPost("/instances/{id}/{action}", (string id, string action, HttpContext http, InstanceService instances) => ActAsync(id, action, http, instances));
        api.MapGet("/instances/{id}/history", async (string id, HttpContext http, InstanceService instances) =>
            ApiResults.From(await instances.HistoryAsync(Caller.Of(http), id, http.RequestAborted), Results.Ok));
        api.MapGet("/instances/{id}/console", async (string id, HttpContext http, InstanceService instances) =>
            ApiResults.From(await instances.ConsoleAsync(Caller.Of(http), id, http.RequestAborted),
                log => Results.Ok(new ConsoleView(id, log.End, log.Text))));
    }

    private static async Task<IResult> ListAsync(HttpContext http, InstanceService instances, string? state, string? owner, string? host)
    {
        var states = new List<InstanceState>();
        if (state is not null)
        {
            foreach (var name in state.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<InstanceState>(name, ignoreCase: true, out var parsed) || int.TryParse(name, out _))
                {
                    return ApiResults.BadRequest($"state: '{name}' is not a state; allowed: {string.Join(", ", Enum.GetNames<InstanceState>()).ToLowerInvariant()}");
                }

                states.Add(parsed);
            }
        }

        var list = await instances.ListAsync(Caller.Of(http), new InstanceQuery { Owner = owner, HostId = host, States = states }, http.RequestAborted);
        return Results.Ok(list.Select(InstanceView.Of).ToList());
    }

    private static async Task<IResult> LaunchAsync(LaunchBody? body, HttpContext http, InstanceService instances)
    {
        if (body?.ImageId is null || body.InstanceType is null)
        {
            return ApiResults.BadRequest("imageId and instanceType are required");
        }

        if (body.Disks?.FirstOrDefault(d => d?.Device is null) is not null || body.Volumes?.FirstOrDefault(v => v?.VolumeId is null) is not null)
        {
            return ApiResults.BadRequest("every entry of disks needs a device, and every entry of volumes a volumeId");
        }

        var min = body.MinCount ?? body.Count ?? 1;
        var max = body.MaxCount ?? body.Count ?? min;
        var request = new LaunchRequest(body.ImageId, body.InstanceType, min, max, body.ClientToken, body.Host, body.KeyName, body.UserData,
            Hostname: body.Hostname,
            Disks: body.Disks?.Select(d => new LaunchDisk(d.Device!, d.SizeGiB, d.SnapshotId, d.DeleteOnTermination ?? true)).ToList(),
            Volumes: body.Volumes?.Select(v => new LaunchVolume(v.VolumeId!, v.Device, v.MountPoint)).ToList(),
            ContextPairs: body.Context);
        var launched = await instances.LaunchAsync(Caller.Of(http), request, http.RequestAborted);
        return ApiResults.From(launched, r => Results.Created($"/api/v1/instances/{r.Instances[0].Id}",
            new ReservationView(r.ReservationId, r.Owner, r.Instances.Select(InstanceView.Of).ToList())));
    }

    private static async Task<IResult> ActAsync(string id, string action, HttpContext http, InstanceService instances)
    {
        var actor = Caller.Of(http);
        var ct = http.RequestAborted;
        Outcome<Instance>? done = action switch
        {
            "terminate" => await instances.TerminateAsync(actor, id, ct),
            "stop" => await instances.StopAsync(actor, id, ct),
            "start" => await instances.StartAsync(actor, id, ct),
            "reboot" => await instances.RebootAsync(actor, id, ct),
            "suspend" => await instances.SuspendAsync(actor, id, ct),
            "resume" => await instances.ResumeAsync(actor, id, ct),
            _ => null,
        };
        return done is { } outcome
            ? ApiResults.From(outcome, i => Results.Ok(InstanceView.Of(i)))
            : ApiResults.Problem(ComputeStatus.NotFound, $"no action '{action}'; allowed: terminate, stop, start, reboot, suspend, resume, save");
    }
}
