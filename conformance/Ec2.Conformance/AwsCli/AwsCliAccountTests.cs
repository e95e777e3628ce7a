using System.Text;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>The account's view of the site through awscli: regions, zones, account attributes, an unsigned call.</summary>
public sealed class AwsCliAccountTests(Ec2Site site) : IClassFixture<Ec2Site>
{
    private AwsCli Admin => new(site.Endpoint, site.AccessKeyId, site.SecretAccessKey, site.Region);

    // EC2 API reference, DescribeRegions: the endpoint is a host name; an unknown region name is refused.
    [Fact]
    public async Task DescribeRegions_NamesAndEndpoint()
    {
        var named = await Admin.OkAsync("describe-regions", "--region-names", site.Region);
        var filtered = await Admin.OkAsync("describe-regions", "--filters", "Name=region-name,Values=elsewhere");

        Assert.Equal(site.Endpoint.Host, named.GetProperty("Regions")[0].GetProperty("Endpoint").GetString());
        Assert.Equal(0, filtered.GetProperty("Regions").GetArrayLength());
        await Admin.FailsAsync("InvalidParameterValue", "describe-regions", "--region-names", "us-east-1");
    }

    [Fact]
    public async Task DescribeAvailabilityZones_UnknownZone_Refused_KnownOneListed()
    {
        var named = await Admin.OkAsync("describe-availability-zones", "--zone-names", site.Zone);
        var filtered = await Admin.OkAsync("describe-availability-zones", "--filters", "Name=state,Values=available");

        Assert.Equal(site.Zone, named.GetProperty("AvailabilityZones")[0].GetProperty("ZoneName").GetString());
        Assert.Equal(1, filtered.GetProperty("AvailabilityZones").GetArrayLength());
        await Admin.FailsAsync("InvalidParameterValue", "describe-availability-zones", "--zone-names", "nope");
    }

    // EC2 API reference, DescribeAccountAttributes: an EC2-Classic account has no default VPC.
    [Fact]
    public async Task DescribeAccountAttributes_ClassicAccount_NamedAttributesOnly()
    {
        var all = await Admin.OkAsync("describe-account-attributes");
        var one = await Admin.OkAsync("describe-account-attributes", "--attribute-names", "default-vpc");
        var values = all.GetProperty("AccountAttributes").EnumerateArray().ToDictionary(
            a => a.GetProperty("AttributeName").GetString()!, a => a.GetProperty("AttributeValues")[0].GetProperty("AttributeValue").GetString());

        Assert.Equal("EC2", values["supported-platforms"]);
        Assert.Equal("none", values["default-vpc"]);
        Assert.Equal(site.Cloud.Options.AddressesPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture), values["max-elastic-ips"]);
        Assert.Equal("default-vpc", Assert.Single(one.GetProperty("AccountAttributes").EnumerateArray()).GetProperty("AttributeName").GetString());
    }

    [Fact]
    public async Task AnyAction_Unsigned_MissingAuthenticationToken()
    {
        using var http = new HttpClient { BaseAddress = site.Endpoint };

        var response = await http.PostAsync("/", new StringContent("Action=DescribeRegions&Version=2016-11-15", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
