using System.Net;

namespace StandardsCloud.Occi.Conformance;

/// <summary>Each user sees and acts on their own resources and mixins only.</summary>
public class IsolationTests(OcciSite site) : IClassFixture<OcciSite>
{
    [Fact]
    public async Task AnotherUsersCompute_IsInvisibleAndUntouchable()
    {
        using var alice = await site.NewUserAsync("alice" + Guid.NewGuid().ToString("N")[..6]);
        using var bob = await site.NewUserAsync("bob" + Guid.NewGuid().ToString("N")[..6]);
        var location = await alice.CreateComputeAsync();
        var term = "secret" + Guid.NewGuid().ToString("N")[..6];
        (await alice.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain", ("Category", $"{term}; scheme=\"http://example.com/a#\"; class=\"mixin\"; location=\"/{term}/\"")))).EnsureSuccessStatusCode();

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete, HttpMethod.Post })
        {
            using var response = await bob.SendAsync(Occi.Request(method, location, "text/plain", ("X-OCCI-Attribute", "occi.core.title=\"mine now\"")));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var bobs = await bob.SendAsync(Occi.Request(HttpMethod.Get, "/compute/", "text/uri-list"));
        Assert.DoesNotContain(location, await bobs.Content.ReadAsStringAsync());
        Assert.DoesNotContain(term, await bob.GetPlainAsync("/-/"));
        using var intoBobs = await bob.SendAsync(Occi.Request(HttpMethod.Post, $"/{term}/", "text/plain", ("X-OCCI-Location", location)));
        Assert.Equal(HttpStatusCode.NotFound, intoBobs.StatusCode);

        Assert.DoesNotContain("mine now", await alice.GetPlainAsync(location));
        Assert.Contains(term, await alice.GetPlainAsync("/-/"));
    }
}
