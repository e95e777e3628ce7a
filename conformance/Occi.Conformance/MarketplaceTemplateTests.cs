using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StandardsCloud.CloudKit;
using StandardsCloud.Marketplace.Catalogue;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Occi.Conformance;

/// <summary>The os_tpl mixins are the compute catalogue: Marketplace entries the site's policy allows, and no others.</summary>
public class MarketplaceTemplateTests(MarketplaceCloud cloud) : IClassFixture<MarketplaceCloud>
{
    private static readonly DateTimeOffset Endorsed = DateTimeOffset.UtcNow.AddHours(-2);

    private HttpClient Occi()
    {
        var client = new HttpClient { BaseAddress = cloud.OcciAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cloud.Admin.User}:{cloud.Admin.Password}")));
        return client;
    }

    private async Task<string> PublishAsync(string sha1, Func<ImageMetadata, ImageMetadata>? change = null, DateTimeOffset? created = null)
    {
        using var anonymous = cloud.Client();
        await MarketplaceDocuments.UploadAsync(anonymous, MarketplaceDocuments.Signed(sha1, created ?? Endorsed, change));
        return MarketplaceImages.ImageIdOf(MarketplaceIdentifier.FromSha1(sha1)!, MarketplaceDocuments.Email);
    }

    [Fact]
    public async Task OsTemplates_FollowTheSitePolicy_AndADeprecatedImageCannotBeLaunched()
    {
        using var client = Occi();
        var sha1 = MarketplaceDocuments.NewSha1();
        var allowed = await PublishAsync(sha1, m => m with { Title = "occi-catalogue" });
        var denied = await PublishAsync(MarketplaceCloud.DeniedSha1);

        var model = await client.GetPlainAsync("/-/");
        Assert.Contains($"Category: {allowed}; scheme=\"http://schemas.standardscloud.org/occi/os_tpl#\"; class=\"mixin\"; title=\"occi-catalogue\"", model);
        Assert.DoesNotContain(denied, model);
        var osTemplate = ("Category", $"{allowed}; scheme=\"http://schemas.standardscloud.org/occi/os_tpl#\"; class=\"mixin\"");
        var location = await client.CreateComputeAsync(osTemplate);
        Assert.Contains($"Category: {allowed};", await client.GetPlainAsync(location));

        await PublishAsync(sha1, m => m with { Deprecated = "superseded" }, Endorsed.AddMinutes(30));

        Assert.DoesNotContain(allowed, await client.GetPlainAsync("/-/"));
        using var refused = await client.SendAsync(Conformance.Occi.Request(HttpMethod.Post, "/compute/", "text/plain", ("Category", OcciSite.ComputeKind), osTemplate));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(allowed, await refused.Content.ReadAsStringAsync());
    }
}
