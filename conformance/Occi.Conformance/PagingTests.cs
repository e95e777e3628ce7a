using System.Net;

namespace StandardsCloud.Occi.Conformance;

/// <summary>Collections in pages (GFD.223 §6), and what an empty collection looks like.</summary>
public class PagingTests(OcciSite site) : IClassFixture<OcciSite>
{
    private static async Task<(HttpStatusCode Status, string[] Lines)> ListAsync(HttpClient client, string path)
    {
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, path, "text/uri-list"));
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Pages_SplitTheCollectionInOrder_AndPastTheEndIsEmpty()
    {
        using var client = await site.NewUserAsync("pager" + Guid.NewGuid().ToString("N")[..6]);
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            made.Add(await client.CreateComputeAsync());
        }

        var (_, all) = await ListAsync(client, "/compute/");
        Assert.Equal(made.Order(), all.Order());
        var (first, firstPage) = await ListAsync(client, "/compute/?page=1;number=2");
        var (_, secondPage) = await ListAsync(client, "/compute/?page=2&number=2");
        var (beyond, none) = await ListAsync(client, "/compute/?page=3&number=2");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(all, firstPage.Concat(secondPage));
        Assert.Equal(HttpStatusCode.OK, beyond);
        Assert.Empty(none);
    }

    [Theory]
    [InlineData("/compute/?page=1&number=100000", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("/compute/?page=0&number=5", HttpStatusCode.BadRequest)]
    [InlineData("/compute/?page=x&number=5", HttpStatusCode.BadRequest)]
    [InlineData("/compute/?page=2", HttpStatusCode.BadRequest)]
    public async Task BadPaging_IsRefused(string path, HttpStatusCode expected)
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, path, "text/plain"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task EmptyCollection_InTextPlain_HasNoLines()
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, "/storage/", "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UserMixin_MayLiveUnderMixin_WhereNothingElseIs()
    {
        using var client = site.Client();
        var term = "extra" + Guid.NewGuid().ToString("N")[..6];
        var category = $"{term}; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\"";
        using (var free = await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain", ("Category", category + $"; location=\"/mixin/resource_tpl/{term}/\""))))
        {
            Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        }

        using var taken = await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain",
            ("Category", $"other{term}; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\"; location=\"/mixin/resource_tpl/m1_small/\"")));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        using var reserved = await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain",
            ("Category", $"more{term}; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\"; location=\"/compute/{term}/\"")));
        Assert.Equal(HttpStatusCode.Conflict, reserved.StatusCode);
        (await client.SendAsync(Occi.Request(HttpMethod.Delete, "/-/", "text/plain", ("Category", category)))).EnsureSuccessStatusCode();
    }
}
