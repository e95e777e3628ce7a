using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute;

namespace StandardsCloud.Server.Api;

/// <summary>The authenticated caller of an API request.</summary>
internal static class Caller
{
    private const string Key = "standardscloud.actor";

    public static Actor Of(HttpContext http) => (Actor)http.Items[Key]!;

    /// <summary>Requires HTTP Basic credentials on every endpoint of the group.</summary>
    public static RouteGroupBuilder RequireBasic(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var credentials = http.RequestServices.GetRequiredService<BasicCredentials>();
            var actor = await credentials.AuthenticateAsync(http.Request.Headers.Authorization, "api", http.RequestAborted).ConfigureAwait(false);
            if (actor is null)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"StandardsCloud\", charset=\"UTF-8\"";
                return Results.Problem(detail: "send HTTP Basic credentials of a StandardsCloud user", statusCode: 401, title: "Unauthenticated");
            }

            http.Items[Key] = actor;
            return await next(context).ConfigureAwait(false);
        });
        return group;
    }
}
