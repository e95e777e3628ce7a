using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.Marketplace.Catalogue;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Server.Tests.Marketplace;

/// <summary>The compute catalogue over the Marketplace on :8080, and the site's image policy at launch through the API.</summary>
public sealed class MarketplaceImageTests(MarketplaceCloud cloud) : IClassFixture<MarketplaceCloud>
{
    private static readonly DateTimeOffset Endorsed = DateTimeOffset.UtcNow.AddHours(-2);

    private async Task<(string Identifier, string ImageId)> PublishAsync(string? sha1 = null, Func<ImageMetadata, ImageMetadata>? change = null, DateTimeOffset? created = null)
    {
        sha1 ??= MarketplaceDocuments.NewSha1();
        using var anonymous = cloud.Client();
        await MarketplaceDocuments.UploadAsync(anonymous, MarketplaceDocuments.Signed(sha1, created ?? Endorsed, change));
        var identifier = MarketplaceIdentifier.FromSha1(sha1)!;
        return (identifier, MarketplaceImages.ImageIdOf(identifier, MarketplaceDocuments.Email));
    }

    private static async Task<(HttpStatusCode Status, string Body)> TryLaunchAsync(HttpClient client, string imageId)
    {
        var response = await client.PostAsJsonAsync("/api/v1/instances", new { imageId, instanceType = "t1.micro", count = 1 });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Publish_TrustedEntry_InCatalogueAndLaunches()
    {
        var (identifier, imageId) = await PublishAsync(change: m => m with { Title = "catalogue-test" });
        using var user = await cloud.NewUserAsync("mp-" + Guid.NewGuid().ToString("N")[..6]);

        var images = await user.GetFromJsonAsync<JsonElement[]>("/api/v1/images");

        var image = images!.Single(i => i.GetProperty("id").GetString() == imageId);
        Assert.Equal(identifier, image.GetProperty("marketplaceIdentifier").GetString());
        Assert.Equal("catalogue-test", image.GetProperty("name").GetString());
        Assert.Equal(MarketplaceIdentifier.ToSha1(identifier), image.GetProperty("sha1").GetString());
        var (status, body) = await TryLaunchAsync(user, imageId);
        Assert.True(status == HttpStatusCode.Created, body);
    }

    [Fact]
    public async Task Launch_AfterEndorserDeprecates_RefusedWithTheReason()
    {
        var sha1 = MarketplaceDocuments.NewSha1();
        var (_, imageId) = await PublishAsync(sha1);
        using var admin = cloud.AdminClient();
        Assert.Equal(HttpStatusCode.Created, (await TryLaunchAsync(admin, imageId)).Status);

        await PublishAsync(sha1, m => m with { Deprecated = "replaced after a security fix" }, Endorsed.AddMinutes(30));

        var (status, body) = await TryLaunchAsync(admin, imageId);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("deprecated by its endorser: replaced after a security fix", body, StringComparison.Ordinal);
        var images = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/images");
        Assert.DoesNotContain(images!, i => i.GetProperty("id").GetString() == imageId);
    }

    [Fact]
    public async Task Register_ExpiredEntry_RefusedWithTheReason()
    {
        var (identifier, _) = await PublishAsync(change: m => m with { Valid = DateTimeOffset.UtcNow.AddHours(-1) });
        using var admin = cloud.AdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/images", new { marketplace = identifier });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"image {identifier} expired at", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_DeniedIdentifier_RefusedWithTheReason()
    {
        var (identifier, imageId) = await PublishAsync(MarketplaceCloud.DeniedSha1);
        using var admin = cloud.AdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/images", new { marketplace = $"http://elsewhere.example.org/metadata/{identifier}/{MarketplaceDocuments.Email}" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("is on the site's deny list", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await TryLaunchAsync(admin, imageId)).Status);
    }

    [Fact]
    public async Task Register_UntrustedEndorser_RefusedWithTheReason()
    {
        var sha1 = MarketplaceDocuments.NewSha1();
        using var anonymous = cloud.Client();
        await MarketplaceDocuments.UploadAsync(anonymous, MarketplaceDocuments.Signed(sha1, Endorsed, signer: MarketplaceDocuments.Stranger()));
        using var admin = cloud.AdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/images", new { marketplace = MarketplaceIdentifier.FromSha1(sha1) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("endorser stranger@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("is not trusted by this site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_UrlImageWithDeniedChecksum_RefusedWithTheReason()
    {
        var imageId = await cloud.RegisterImageAsync("denied-" + Guid.NewGuid().ToString("N")[..6], sha1: MarketplaceCloud.DeniedChecksum);
        using var admin = cloud.AdminClient();

        var (status, body) = await TryLaunchAsync(admin, imageId);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains($"SHA-1 {MarketplaceCloud.DeniedChecksum} is on the site's deny list", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deregister_MarketplaceImage_LeavesCatalogueAndLaunchesFail()
    {
        var (identifier, imageId) = await PublishAsync();
        using var admin = cloud.AdminClient();
        var registered = await admin.PostAsJsonAsync("/api/v1/images", new { marketplace = identifier });
        Assert.Equal(imageId, (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/images/{imageId}")).StatusCode);

        var images = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/images");
        Assert.DoesNotContain(images!, i => i.GetProperty("id").GetString() == imageId);
        Assert.Equal(HttpStatusCode.NotFound, (await TryLaunchAsync(admin, imageId)).Status);
    }
}
