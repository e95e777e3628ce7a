using StandardsCloud.Compute;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Server.Api;

/// <summary><c>/api/v1</c> hosts, users, access keys, images and instance types.</summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/hosts", HostsAsync);
        api.MapGet("/hosts/{id}/history", async (string id, HttpContext http, HostService hosts) =>
            Caller.Of(http).IsAdmin
                ? ApiResults.From(await hosts.HistoryAsync(id, http.RequestAborted), Results.Ok)
                : ApiResults.Problem(ComputeStatus.Forbidden, "only administrators see hosts"));
        api.MapGet("/instance-types", (ComputeOptions options) => Results.Ok(options.InstanceTypes.Select(InstanceTypeView.Of).ToList()));

        api.MapGet("/users", async (HttpContext http, IdentityService identity) =>
            Results.Ok((await identity.ListUsersAsync(Caller.Of(http), http.RequestAborted)).Select(UserView.Of).ToList()));
        api.MapPost("/users", async (UserBody? body, HttpContext http, IdentityService identity) =>
        {
            if (body?.Name is null || body.Password is null)
            {
                return ApiResults.BadRequest("name and password are required");
            }

            var quota = body.Quota is { } q ? new Quota(q.Instances, q.Cpus, q.MemoryMiB, q.VolumeGiB, q.Snapshots) : null;
            var created = await identity.CreateUserAsync(Caller.Of(http), body.Name, body.Password, body.IsAdmin ?? false, quota, http.RequestAborted);
            return ApiResults.From(created, u => Results.Created($"/api/v1/users/{u.Id}", UserView.Of(u)));
        });
        api.MapGet("/users/{name}/history", async (string name, HttpContext http, IdentityService identity) =>
            ApiResults.From(await identity.HistoryAsync(Caller.Of(http), name, http.RequestAborted), Results.Ok));
        api.MapPut("/users/{name}/quota", async (string name, QuotaBody? body, HttpContext http, IdentityService identity) =>
            body is null
                ? ApiResults.BadRequest("a quota object is required")
                : ApiResults.From(await identity.SetQuotaAsync(Caller.Of(http), name, new Quota(body.Instances, body.Cpus, body.MemoryMiB, body.VolumeGiB, body.Snapshots), http.RequestAborted),
                    u => Results.Ok(UserView.Of(u))));

        api.MapGet("/users/{name}/access-keys", async (string name, HttpContext http, IdentityService identity) =>
            ApiResults.From(await identity.ListAccessKeysAsync(Caller.Of(http), name, http.RequestAborted),
                keys => Results.Ok(keys.Select(AccessKeyView.Of).ToList())));
        api.MapPost("/users/{name}/access-keys", async (string name, HttpContext http, IdentityService identity) =>
            ApiResults.From(await identity.CreateAccessKeyAsync(Caller.Of(http), name, http.RequestAborted),
                k => Results.Created($"/api/v1/access-keys/{k.AccessKeyId}", new NewAccessKeyView(k.AccessKeyId, k.SecretAccessKey, k.Owner, k.CreatedAt))));
        api.MapDelete("/access-keys/{id}", async (string id, HttpContext http, IdentityService identity) =>
            ApiResults.From(await identity.DeleteAccessKeyAsync(Caller.Of(http), id, http.RequestAborted), _ => Results.NoContent()));

        api.MapGet("/images", async (HttpContext http, ImageService images) =>
            Results.Ok((await images.ListAsync(Caller.Of(http), http.RequestAborted)).Select(ImageView.Of).ToList()));
        api.MapGet("/images/{id}", async (string id, HttpContext http, ImageService images) =>
            ApiResults.From(await images.GetAsync(Caller.Of(http), id, http.RequestAborted), i => Results.Ok(ImageView.Of(i))));
        api.MapDelete("/images/{id}", async (string id, HttpContext http, ImageService images) =>
            ApiResults.From(await images.DeregisterAsync(Caller.Of(http), id, http.RequestAborted), _ => Results.NoContent()));
        api.MapGet("/images/{id}/history", async (string id, HttpContext http, ImageService images) =>
            ApiResults.From(await images.HistoryAsync(Caller.Of(http), id, http.RequestAborted), Results.Ok));
        api.MapPost("/images", async (ImageBody? body, HttpContext http, ImageService images) =>
        {
            if (body?.Marketplace is { } location)
            {
                var taken = await images.RegisterFromMarketplaceAsync(Caller.Of(http), location, http.RequestAborted);
                return ApiResults.From(taken, i => Results.Created($"/api/v1/images/{i.Id}", ImageView.Of(i)));
            }

            if (body?.Name is null || body.Url is null || body.Sha1 is null)
            {
                return ApiResults.BadRequest("name, url and sha1 are required");
            }

            var (boot, problem) = body.Boot?.ToBoot() ?? (null, null);
            if (problem is not null)
            {
                return ApiResults.BadRequest(problem);
            }

            var registered = await images.RegisterAsync(Caller.Of(http), new ImageRegistration(body.Name, body.Url, body.Sha1, body.IsPublic ?? true, boot), http.RequestAborted);
            return ApiResults.From(registered, i => Results.Created($"/api/v1/images/{i.Id}", ImageView.Of(i)));
        });
    }

    private static async Task<IResult> HostsAsync(HttpContext http, HostService hosts, InstanceService instances)
    {
        var actor = Caller.Of(http);
        if (!actor.IsAdmin)
        {
            return ApiResults.Problem(ComputeStatus.Forbidden, "only administrators see hosts");
        }

        var all = await hosts.ListAsync(http.RequestAborted);
        var holding = await instances.ListAsync(actor, new InstanceQuery { HoldingHostOnly = true }, http.RequestAborted);
        var byHost = holding.Where(i => i.HostId is not null).ToLookup(i => i.HostId!);
        return Results.Ok(all.OrderBy(h => h.Name, StringComparer.Ordinal).Select(h => new HostView(
            h.Id, h.Name, h.Status, h.HypervisorUri, h.Cpus, h.MemoryMiB,
            byHost[h.Id].Sum(i => i.Cpus), byHost[h.Id].Sum(i => i.MemoryMiB), byHost[h.Id].Count(), h.LastHeartbeatAt)).ToList());
    }
}
