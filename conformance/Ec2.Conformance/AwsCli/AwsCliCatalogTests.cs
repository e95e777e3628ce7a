using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>awscli reading the catalogue and paging through instances.</summary>
public sealed class AwsCliCatalogTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    private AwsCli Admin => new(cloud.Ec2Address, cloud.Admin.AccessKeyId, cloud.Admin.SecretAccessKey);

    [Fact]
    public async Task DescribeImages_RegisteredImage_ListedWithName()
    {
        var image = await cloud.RegisterImageAsync("catalogue-image");
        var answer = await Admin.Ec2Async("describe-images", "--image-ids", image);
        Assert.True(answer.ExitCode == 0, answer.Error);
        var listed = answer.Json.GetProperty("Images")[0];
        Assert.Equal(image, listed.GetProperty("ImageId").GetString());
        Assert.Equal("catalogue-image", listed.GetProperty("Name").GetString());
        Assert.Equal("available", listed.GetProperty("State").GetString());

        var filtered = await Admin.Ec2Async("describe-images", "--filters", "Name=name,Values=no-such-image");
        Assert.Equal(0, filtered.Json.GetProperty("Images").GetArrayLength());

        // Owner.N: "self" is the caller; another account or "amazon" owns none of these.
        var mine = await Admin.OkAsync("describe-images", "--owners", "self", "--image-ids", image);
        Assert.Equal(1, mine.GetProperty("Images").GetArrayLength());
        var amazons = await Admin.OkAsync("describe-images", "--owners", "amazon");
        Assert.Equal(0, amazons.GetProperty("Images").GetArrayLength());
    }

    [Fact]
    public async Task DescribeInstanceTypes_SiteDefaults_SizesAsConfigured()
    {
        var answer = await Admin.Ec2Async("describe-instance-types", "--instance-types", "m1.large");
        Assert.True(answer.ExitCode == 0, answer.Error);
        var type = answer.Json.GetProperty("InstanceTypes")[0];
        Assert.Equal(2, type.GetProperty("VCpuInfo").GetProperty("DefaultVCpus").GetInt32());
        Assert.Equal(6144, type.GetProperty("MemoryInfo").GetProperty("SizeInMiB").GetInt32());
    }

    [Fact]
    public async Task DescribeInstances_PageSizeFive_AwsCliFollowsNextTokenToAll()
    {
        var image = await cloud.RegisterImageAsync("paging-image");
        var run = await Admin.Ec2Async("run-instances", "--image-id", image, "--count", "12");
        Assert.True(run.ExitCode == 0, run.Error);

        var paged = await Admin.Ec2Async("describe-instances", "--page-size", "5", "--filters", "Name=image-id,Values=" + image);
        Assert.True(paged.ExitCode == 0, paged.Error);
        var ids = paged.Json.GetProperty("Reservations").EnumerateArray()
            .SelectMany(r => r.GetProperty("Instances").EnumerateArray()).Select(i => i.GetProperty("InstanceId").GetString()).ToList();
        Assert.Equal(12, ids.Count);
        Assert.Equal(12, ids.Distinct().Count());
    }

    [Fact]
    public async Task DescribeInstances_MaxResultsWithIds_InvalidParameterCombination()
    {
        var answer = await Admin.Ec2Async("describe-instances", "--instance-ids", "i-0123456789abcdef0", "--max-results", "5");
        Assert.Contains("InvalidParameterCombination", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstances_ForgedNextToken_InvalidPaginationToken()
    {
        var answer = await Admin.Ec2Async("describe-instances", "--max-results", "5", "--next-token", "AAAAforged");
        Assert.Contains("InvalidPaginationToken", answer.Error, StringComparison.Ordinal);
    }
}
