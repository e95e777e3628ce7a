namespace StandardsCloud.Marketplace.Rdf.Tests;

public sealed class SitePolicyTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PolicyFacts Facts(bool trusted = true, DateTimeOffset? valid = null, string? deprecated = null) =>
        new("KHMqIKj0BqNwaU4go1qabTsCKqw", "jane@example.org", "a1cca882a3d01a8dc1a538828d6a69b4ec08aab0", trusted, valid, deprecated);

    [Fact]
    public void Evaluate_TrustedAndCurrent_Allowed() => Assert.True(SitePolicy.Default.Evaluate(Facts(), Now).Allowed);

    [Fact]
    public void Evaluate_Untrusted_RefusedUnlessTrustNotRequired()
    {
        var refused = SitePolicy.Default.Evaluate(Facts(trusted: false), Now);

        Assert.False(refused.Allowed);
        Assert.Contains("is not trusted by this site", refused.Reason, StringComparison.Ordinal);
        Assert.True((SitePolicy.Default with { RequireTrustedEndorser = false }).Evaluate(Facts(trusted: false), Now).Allowed);
    }

    [Fact]
    public void Evaluate_Expired_Refused()
    {
        var decision = SitePolicy.Default.Evaluate(Facts(valid: Now.AddSeconds(-1)), Now);

        Assert.Equal("image KHMqIKj0BqNwaU4go1qabTsCKqw expired at 2026-12-31T23:59:59Z", decision.Reason);
    }

    [Fact]
    public void Evaluate_Deprecated_RefusedWithTheEndorsersWords()
    {
        var decision = SitePolicy.Default.Evaluate(Facts(deprecated: "security issue"), Now);

        Assert.False(decision.Allowed);
        Assert.EndsWith("deprecated by its endorser: security issue", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identifier")]
    [InlineData("checksum")]
    [InlineData("endorser")]
    public void Evaluate_OnADenyList_Refused_EvenWhenAllowed(string list)
    {
        var policy = list switch
        {
            "identifier" => new SitePolicy { DenyIdentifiers = ["KHMqIKj0BqNwaU4go1qabTsCKqw"] },
            "checksum" => new SitePolicy { DenyChecksums = ["A1CCA882A3D01A8DC1A538828D6A69B4EC08AAB0"] },
            _ => new SitePolicy { DenyEndorsers = ["JANE@example.org"] },
        };

        var decision = (policy with { AllowEndorsers = ["jane@example.org"] }).Evaluate(Facts(), Now);

        Assert.False(decision.Allowed);
        Assert.Contains("deny list", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AllowListsSet_OnlyListedImagesAllowed()
    {
        var policy = new SitePolicy { AllowChecksums = ["0000000000000000000000000000000000000001"] };

        Assert.Contains("none of the site's allow lists", policy.Evaluate(Facts(), Now).Reason, StringComparison.Ordinal);
        Assert.True((policy with { AllowIdentifiers = ["KHMqIKj0BqNwaU4go1qabTsCKqw"] }).Evaluate(Facts(), Now).Allowed);
    }
}
