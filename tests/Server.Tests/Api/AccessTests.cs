using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Server.Tests.Api;

public sealed class AccessTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task Healthz_NoCredentials_Ok()
    {
        using var anonymous = cloud.Client();
        var health = await anonymous.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_NoCredentials_401WithBasicChallenge()
    {
        using var anonymous = cloud.Client();
        var response = await anonymous.GetAsync("/api/v1/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WrongPassword_401()
    {
        using var wrong = cloud.Client(cloud.Admin.User, "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/instances")).StatusCode);
    }

    [Fact]
    public async Task Hosts_AsUser_Forbidden()
    {
        using var bob = await cloud.NewUserAsync("hosts-bob");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/api/v1/hosts")).StatusCode);
    }

    [Fact]
    public async Task AccessKey_Created_SecretShownOnceNeverListed()
    {
        using var carol = await cloud.NewUserAsync("keys-carol");
        var created = await (await carol.PostAsync("/api/v1/users/keys-carol/access-keys", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secretAccessKey").GetString()!;
        Assert.Equal(40, secret.Length);
        Assert.StartsWith("AKIA", created.GetProperty("accessKeyId").GetString(), StringComparison.Ordinal);

        var listed = await carol.GetStringAsync("/api/v1/users/keys-carol/access-keys");
        Assert.Contains(created.GetProperty("accessKeyId").GetString()!, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

        var history = await carol.GetStringAsync("/api/v1/users/keys-carol/history");
        Assert.Contains("created", history, StringComparison.Ordinal);
        Assert.Contains($"access key {created.GetProperty("accessKeyId").GetString()} created", history, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserHistory_OfAnotherUser_404()
    {
        using var ivan = await cloud.NewUserAsync("hist-ivan");
        await cloud.NewUserAsync("hist-judy");
        Assert.Equal(HttpStatusCode.NotFound, (await ivan.GetAsync("/api/v1/users/hist-judy/history")).StatusCode);
    }

    [Fact]
    public async Task AccessKey_ForAnotherUser_Forbidden()
    {
        using var dave = await cloud.NewUserAsync("keys-dave");
        await cloud.NewUserAsync("keys-erin");
        Assert.Equal(HttpStatusCode.Forbidden, (await dave.PostAsync("/api/v1/users/keys-erin/access-keys", null)).StatusCode);
    }

    [Fact]
    public async Task Users_DuplicateName_409()
    {
        await cloud.NewUserAsync("dup-frank");
        using var admin = cloud.AdminClient();
        var again = await admin.PostAsJsonAsync("/api/v1/users", new { name = "dup-frank", password = "another-password" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Images_BadSha1_400NamingTheField()
    {
        using var admin = cloud.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/images", new { name = "bad", url = "file:///x.img", sha1 = "xyz" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sha1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_WithKernelAndInitrd_ShownWithTheirBootAndCommandLine()
    {
        using var admin = cloud.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/images", new
        {
            name = "direct-" + Guid.NewGuid().ToString("N")[..8], url = "file:///x.img", sha1 = new string('a', 40),
            boot = new { kernel = new { url = "/boot/vmlinuz", sha1 = new string('B', 40) }, initrd = new { url = "file:///boot/initrd.gz", sha1 = new string('c', 40), bytes = 99 }, commandLine = "console=ttyS0 quiet" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using var shown = JsonDocument.Parse(await (await admin.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync());
        var boot = shown.RootElement.GetProperty("boot");
        Assert.Equal("file:///boot/vmlinuz", boot.GetProperty("kernel").GetProperty("url").GetString());
        Assert.Equal(new string('b', 40), boot.GetProperty("kernel").GetProperty("sha1").GetString());
        Assert.Equal(99, boot.GetProperty("initrd").GetProperty("bytes").GetInt64());
        Assert.Equal("console=ttyS0 quiet", boot.GetProperty("commandLine").GetString());
    }

    [Fact]
    public async Task Images_BootWithoutKernelSha1_400SayingWhatIsMissing()
    {
        using var admin = cloud.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/images", new
        {
            name = "nokernel", url = "file:///x.img", sha1 = new string('a', 40), boot = new { kernel = new { url = "/boot/vmlinuz" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("boot.kernel with url and sha1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_RegisteredByUser_Forbidden()
    {
        using var gina = await cloud.NewUserAsync("img-gina");
        var response = await gina.PostAsJsonAsync("/api/v1/images", new { name = "mine", url = "file:///x.img", sha1 = new string('a', 40) });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
