using System.Net;
using System.Text;
using StandardsCloud.NodeDaemon.Metadata;
using StandardsCloud.NodeProtocol;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Metadata;

/// <summary>What a guest reads from the metadata service, over real HTTP from its own source address.</summary>
public sealed class MetadataServiceTests
{
    private const string GuestA = "127.0.0.2";
    private const string GuestB = "127.0.0.3";

    private static readonly DesiredDisk Volume = new(
        "vol-0000000000000000c", "/dev/sdf", "vdc", new DiskSource(DiskSourceKind.File, "/srv/vol.qcow2"), ReadOnly: false);

    private static DesiredDomain A(string? userData = "#!/bin/sh\necho hello\n", string? publicAddress = null) =>
        Guests.Domain("i-0000000000000000a", Guests.Context(GuestA, userData, publicAddress), [Volume]);

    private static DesiredDomain B() =>
        Guests.Domain("i-0000000000000000b", Guests.Context(GuestB, "second guest", keyName: null, hostname: "guest-2"));

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Add(MetadataEndpoint.TokenHeader, token);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> PutTokenAsync(HttpClient client, string? ttl, bool forwarded = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, MetadataEndpoint.TokenPath);
        if (ttl is not null)
        {
            request.Headers.Add(MetadataEndpoint.TtlHeader, ttl);
        }

        if (forwarded)
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_MetaDataListing_CategoriesOnePerLineDirectoriesWithSlash()
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);

        var (status, body) = await GetAsync(guest, "/latest/meta-data/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            "ami-id\nami-launch-index\nblock-device-mapping/\nhostname\ninstance-id\ninstance-type\nlocal-hostname\n"
            + "local-ipv4\nmac\nplacement/\npublic-hostname\npublic-keys/\nreservation-id\nsecurity-groups",
            body);
    }

    [Theory]
    [InlineData("/latest/meta-data/instance-id", "i-0000000000000000a")]
    [InlineData("/latest/meta-data/ami-id", "ami-0000000000000000a")]
    [InlineData("/latest/meta-data/ami-launch-index", "2")]
    [InlineData("/latest/meta-data/instance-type", "t1.micro")]
    [InlineData("/latest/meta-data/hostname", "guest-1")]
    [InlineData("/latest/meta-data/local-hostname", "guest-1")]
    [InlineData("/latest/meta-data/local-ipv4", GuestA)]
    [InlineData("/latest/meta-data/reservation-id", "r-0000000000000000b")]
    [InlineData("/latest/meta-data/security-groups", "default\nweb")]
    [InlineData("/latest/meta-data/placement/", "availability-zone")]
    [InlineData("/latest/meta-data/placement/availability-zone", "site-a")]
    [InlineData("/latest/meta-data/public-keys/", "0=my-key")]
    [InlineData("/latest/meta-data/public-keys/0/", "openssh-key")]
    [InlineData("/latest/meta-data/public-keys/0/openssh-key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@site")]
    [InlineData("/latest/meta-data/block-device-mapping/", "ami\nebs1\nroot")]
    [InlineData("/latest/meta-data/block-device-mapping/ebs1", "/dev/sdf")]
    [InlineData("/latest/meta-data/block-device-mapping/root", "/dev/sda1")]
    [InlineData("/latest/", "meta-data\nuser-data")]
    [InlineData("/", "latest")]
    [InlineData("/latest/meta-data", "ami-id\nami-launch-index\nblock-device-mapping/\nhostname\ninstance-id\ninstance-type\nlocal-hostname\nlocal-ipv4\nmac\nplacement/\npublic-hostname\npublic-keys/\nreservation-id\nsecurity-groups")]
    public async Task Get_Category_AnswersTheGuestsOwnValue(string path, string expected)
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);

        var (status, body) = await GetAsync(guest, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task Get_UserData_ExactDecodedBytesAsTextPlain()
    {
        await using var host = await MetadataHost.StartAsync(false, A(userData: "#!/bin/sh\necho héllo\n"));
        using var guest = host.From(GuestA);

        using var response = await guest.GetAsync("/latest/user-data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetBytes("#!/bin/sh\necho héllo\n"), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_NoUserData_NotFoundAndNotListed()
    {
        await using var host = await MetadataHost.StartAsync(false, A(userData: null));
        using var guest = host.From(GuestA);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(guest, "/latest/user-data")).Status);
        Assert.Equal("meta-data", (await GetAsync(guest, "/latest/")).Body);
    }

    [Fact]
    public async Task Get_PublicIpv4_OnlyWhenTheGuestHasOne()
    {
        await using var host = await MetadataHost.StartAsync(false, A(publicAddress: "192.0.2.10"), B());
        using var a = host.From(GuestA);
        using var b = host.From(GuestB);

        Assert.Equal((HttpStatusCode.OK, "192.0.2.10"), await GetAsync(a, "/latest/meta-data/public-ipv4"));
        Assert.Contains("\npublic-ipv4\n", (await GetAsync(a, "/latest/meta-data/")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(b, "/latest/meta-data/public-ipv4")).Status);
        Assert.DoesNotContain("public-ipv4", (await GetAsync(b, "/latest/meta-data/")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_KeyWithoutKeyPair_NamedByIndex()
    {
        await using var host = await MetadataHost.StartAsync(false, B());
        using var guest = host.From(GuestB);

        Assert.Equal((HttpStatusCode.OK, "0=key-0"), await GetAsync(guest, "/latest/meta-data/public-keys/"));
    }

    [Theory]
    [InlineData("/latest/meta-data/nothing-here")]
    [InlineData("/latest/meta-data/instance-id/")]
    [InlineData("/latest/meta-data/public-keys/1/openssh-key")]
    [InlineData("/2009-04-04/meta-data/instance-id")]
    public async Task Get_UnknownPath_NotFound(string path)
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(guest, path)).Status);
    }

    [Fact]
    public async Task Get_TwoGuests_EachSeesOnlyItsOwnData()
    {
        await using var host = await MetadataHost.StartAsync(false, A(), B());
        using var a = host.From(GuestA);
        using var b = host.From(GuestB);

        Assert.Equal("i-0000000000000000a", (await GetAsync(a, "/latest/meta-data/instance-id")).Body);
        Assert.Equal("i-0000000000000000b", (await GetAsync(b, "/latest/meta-data/instance-id")).Body);
        Assert.Equal("second guest", (await GetAsync(b, "/latest/user-data")).Body);
        Assert.Equal("guest-2", (await GetAsync(b, "/latest/meta-data/hostname")).Body);
    }

    [Fact]
    public async Task Get_AddressNoGuestHolds_NotFound()
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var stranger = host.From("127.0.0.4");

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(stranger, "/latest/meta-data/instance-id")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(stranger, "/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PutTokenAsync(stranger, "60")).Status);
    }

    [Fact]
    public async Task Get_GuestLeavesTheDesiredState_NotFoundFromThen()
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(guest, "/latest/meta-data/instance-id")).Status);

        host.Desired = [];

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(guest, "/latest/meta-data/instance-id")).Status);
    }

    [Fact]
    public async Task Token_PutThenGet_ServedWithTtlEchoed()
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);

        using var request = new HttpRequestMessage(HttpMethod.Put, MetadataEndpoint.TokenPath);
        request.Headers.Add(MetadataEndpoint.TtlHeader, "21600");
        using var response = await guest.SendAsync(request);
        var token = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("21600", response.Headers.GetValues(MetadataEndpoint.TtlHeader).Single());
        Assert.Equal((HttpStatusCode.OK, "i-0000000000000000a"), await GetAsync(guest, "/latest/meta-data/instance-id", token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("21601")]
    [InlineData("-5")]
    [InlineData("ten")]
    public async Task Token_TtlMissingOrOutOfRange_BadRequest(string? ttl)
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);

        Assert.Equal(HttpStatusCode.BadRequest, (await PutTokenAsync(guest, ttl)).Status);
    }

    [Fact]
    public async Task Token_PutWithForwardedFor_Forbidden()
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);

        Assert.Equal(HttpStatusCode.Forbidden, (await PutTokenAsync(guest, "60", forwarded: true)).Status);
    }

    [Fact]
    public async Task Token_Expired_Unauthorized()
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);
        var token = (await PutTokenAsync(guest, "60")).Body;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(guest, "/latest/meta-data/instance-id", token)).Status);

        host.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(guest, "/latest/meta-data/instance-id", token)).Status);
    }

    [Fact]
    public async Task Token_FromAnotherGuestOrForged_Unauthorized()
    {
        await using var host = await MetadataHost.StartAsync(false, A(), B());
        using var a = host.From(GuestA);
        using var b = host.From(GuestB);
        var tokenOfA = (await PutTokenAsync(a, "600")).Body;

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(b, "/latest/meta-data/instance-id", tokenOfA)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(a, "/latest/meta-data/instance-id", "not-a-token")).Status);
        var tampered = (tokenOfA[0] == 'A' ? "B" : "A") + tokenOfA[1..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(a, "/latest/meta-data/instance-id", tampered)).Status);
    }

    [Fact]
    public async Task Token_FromAnotherNode_Unauthorized()
    {
        await using var first = await MetadataHost.StartAsync(false, A());
        await using var second = await MetadataHost.StartAsync(false, A());
        using var toFirst = first.From(GuestA);
        using var toSecond = second.From(GuestA);
        var token = (await PutTokenAsync(toFirst, "600")).Body;

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(toSecond, "/latest/meta-data/instance-id", token)).Status);
    }

    [Fact]
    public async Task V2Only_GetWithoutToken_UnauthorizedWithTokenServed()
    {
        await using var host = await MetadataHost.StartAsync(true, A());
        using var guest = host.From(GuestA);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(guest, "/latest/meta-data/instance-id")).Status);
        var token = (await PutTokenAsync(guest, "60")).Body;
        Assert.Equal((HttpStatusCode.OK, "i-0000000000000000a"), await GetAsync(guest, "/latest/meta-data/instance-id", token));
    }

    [Theory]
    [InlineData("POST", "/latest/meta-data/", "GET")]
    [InlineData("PUT", "/latest/meta-data/instance-id", "GET")]
    [InlineData("DELETE", "/latest/user-data", "GET")]
    [InlineData("GET", "/latest/api/token", "PUT")]
    [InlineData("POST", "/latest/api/token", "PUT")]
    public async Task WrongMethod_MethodNotAllowed(string method, string path, string allowed)
    {
        await using var host = await MetadataHost.StartAsync(false, A());
        using var guest = host.From(GuestA);

        using var response = await guest.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal([allowed], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Start_AddressInUse_FailsNamingTheReason()
    {
        await using var host = await MetadataHost.StartAsync(false);
        var endpoint = new MetadataEndpoint(new GuestDirectory(() => []), new MetadataTokens(TimeProvider.System), false);

        var second = await MetadataServer.StartAsync(new IPEndPoint(IPAddress.Loopback, host.Url.Port), endpoint);

        Assert.False(second.IsOk);
        Assert.Contains("address already in use", second.Error, StringComparison.OrdinalIgnoreCase);
    }
}
