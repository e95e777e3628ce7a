using Amazon.EC2.Model;

namespace StandardsCloud.Ec2.Conformance.AwsSdk;

/// <summary>The AWS SDK for .NET on a site with the default, mixed-case region RegionOne.</summary>
public sealed class AwsSdkRegionTests(Ec2Site site) : IClassFixture<Ec2Site>
{
    // AWS SigV4 §credential scope: the SDK lowercases AuthenticationRegion ("regionone"); the
    // server compares the scope's region with the site's name case-sensitively.
    [Fact(Skip = "server: the SigV4 scope region is compared case-sensitively; the SDK signs 'regionone' for RegionOne")]
    public async Task DescribeRegions_MixedCaseSiteRegion_SdkSignatureAccepted()
    {
        using var ec2 = AwsSdkClient.For(site);
        var regions = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest());
        Assert.Contains(site.Region, regions.Regions.Select(r => r.RegionName));
    }
}
