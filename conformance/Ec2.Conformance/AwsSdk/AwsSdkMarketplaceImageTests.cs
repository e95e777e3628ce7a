using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using StandardsCloud.CloudKit;
using StandardsCloud.Marketplace.Catalogue;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Ec2.Conformance.AwsSdk;

/// <summary>
/// The AWS SDK for .NET over a cloud whose catalogue is its Marketplace: RegisterImage naming an
/// entry, DescribeImages showing exactly what policy allows, RunInstances refused with the
/// policy's reason, DeregisterImage.
/// </summary>
public sealed class AwsSdkMarketplaceImageTests(MarketplaceCloud cloud) : IClassFixture<MarketplaceCloud>
{
    private static readonly DateTimeOffset Endorsed = DateTimeOffset.UtcNow.AddHours(-2);

    private AmazonEC2Client Ec2() => new(
        new BasicAWSCredentials(cloud.Admin.AccessKeyId, cloud.Admin.SecretAccessKey),
        new AmazonEC2Config
        {
            ServiceURL = cloud.Ec2Address.ToString(),
            AuthenticationRegion = cloud.Service<Ec2Compat.Ec2Options>().Region,
            IgnoreConfiguredEndpointUrls = true,
            MaxErrorRetry = 0,
        });

    private async Task<string> PublishAsync(string sha1, DateTimeOffset created, Func<Marketplace.Rdf.ImageMetadata, Marketplace.Rdf.ImageMetadata>? change = null)
    {
        using var anonymous = cloud.Client();
        await MarketplaceDocuments.UploadAsync(anonymous, MarketplaceDocuments.Signed(sha1, created, change));
        return MarketplaceIdentifier.FromSha1(sha1)!;
    }

    [Fact]
    public async Task RegisterImage_MarketplaceEntry_DescribedLaunchedThenRefusedWhenDeprecated()
    {
        var sha1 = MarketplaceDocuments.NewSha1();
        var identifier = await PublishAsync(sha1, Endorsed, m => m with { Title = "sdk-marketplace-image" });
        using var ec2 = Ec2();

        var registered = await ec2.RegisterImageAsync(new RegisterImageRequest
        {
            Name = "sdk-marketplace-image",
            ImageLocation = $"{cloud.BaseAddress}metadata/{identifier}/{MarketplaceDocuments.Email}",
        });

        Assert.Equal(MarketplaceImages.ImageIdOf(identifier, MarketplaceDocuments.Email), registered.ImageId);
        var described = await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [registered.ImageId] });
        Assert.Equal("sdk-marketplace-image", Assert.Single(described.Images).Name);
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = registered.ImageId, MinCount = 1, MaxCount = 1, InstanceType = "t1.micro" });
        Assert.Single(run.Reservation.Instances);

        await PublishAsync(sha1, Endorsed.AddMinutes(10), m => m with { Deprecated = "superseded by a fixed build" });

        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = registered.ImageId, MinCount = 1, MaxCount = 1, InstanceType = "t1.micro" }));
        Assert.Equal("InvalidParameterValue", refused.ErrorCode);
        Assert.Contains("deprecated by its endorser: superseded by a fixed build", refused.Message, StringComparison.Ordinal);
        var all = await ec2.DescribeImagesAsync(new DescribeImagesRequest());
        Assert.DoesNotContain(all.Images ?? [], i => i.ImageId == registered.ImageId);
    }

    [Fact]
    public async Task RegisterImage_DeniedEntry_RefusedWithTheReason()
    {
        var identifier = await PublishAsync(MarketplaceCloud.DeniedSha1, Endorsed);
        using var ec2 = Ec2();

        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.RegisterImageAsync(new RegisterImageRequest { Name = "denied", ImageLocation = identifier }));

        Assert.Equal("InvalidParameterValue", refused.ErrorCode);
        Assert.Contains("is on the site's deny list", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeregisterImage_AllowedEntry_GoneFromDescribeImages()
    {
        var identifier = await PublishAsync(MarketplaceDocuments.NewSha1(), Endorsed);
        var imageId = MarketplaceImages.ImageIdOf(identifier, MarketplaceDocuments.Email);
        using var ec2 = Ec2();
        Assert.Contains((await ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images, i => i.ImageId == imageId);

        await ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = imageId });

        Assert.DoesNotContain((await ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images ?? [], i => i.ImageId == imageId);
        var again = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = imageId }));
        Assert.Equal("InvalidAMIID.NotFound", again.ErrorCode);
    }
}
