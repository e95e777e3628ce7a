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

    // EC2 API reference, DescribeImages Filter.N: what Packer's source_ami_filter and Terraform's aws_ami send.
    [Fact]
    public async Task DescribeImages_FiltersToolsSend_SelectOrExclude()
    {
        var image = await cloud.RegisterImageAsync("filtered-image");

        var matching = await Admin.OkAsync("describe-images", "--image-ids", image, "--filters",
            "Name=virtualization-type,Values=hvm", "Name=root-device-type,Values=instance-store", "Name=hypervisor,Values=xen",
            "Name=root-device-name,Values=/dev/sda1");
        var windows = await Admin.OkAsync("describe-images", "--image-ids", image, "--filters", "Name=platform,Values=windows");
        var ebs = await Admin.OkAsync("describe-images", "--image-ids", image, "--filters", "Name=root-device-type,Values=ebs");
        var listed = matching.GetProperty("Images")[0];

        Assert.Equal(image, listed.GetProperty("ImageId").GetString());
        Assert.Equal("/dev/sda1", listed.GetProperty("RootDeviceName").GetString());
        Assert.Equal(0, windows.GetProperty("Images").GetArrayLength());
        Assert.Equal(0, ebs.GetProperty("Images").GetArrayLength());
        // An image whose file is on the site's disk is located by owner and name, not by the server's path.
        Assert.DoesNotContain("file:", listed.GetProperty("ImageLocation").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/filtered-image", listed.GetProperty("ImageLocation").GetString(), StringComparison.Ordinal);
    }

    // EC2 API reference, DescribeInstanceTypes: Filter.N, MaxResults 5–100 with NextToken, InvalidInstanceType.
    [Fact]
    public async Task DescribeInstanceTypes_FiltersPagesAndGenerations()
    {
        var twoCpus = await Admin.OkAsync("describe-instance-types", "--filters", "Name=vcpu-info.default-vcpus,Values=2");
        var firstPage = await Admin.OkAsync("describe-instance-types", "--max-results", "5", "--no-paginate");
        var rest = await Admin.OkAsync("describe-instance-types", "--max-results", "5", "--no-paginate",
            "--next-token", firstPage.GetProperty("NextToken").GetString()!);
        var oldFamily = await Admin.OkAsync("describe-instance-types", "--instance-types", "t1.micro");

        Assert.Equal(["c1.medium", "m1.large"], twoCpus.GetProperty("InstanceTypes").EnumerateArray().Select(t => t.GetProperty("InstanceType").GetString()).Order());
        Assert.Equal(5, firstPage.GetProperty("InstanceTypes").GetArrayLength());
        Assert.Equal(2, rest.GetProperty("InstanceTypes").GetArrayLength());
        Assert.False(rest.TryGetProperty("NextToken", out _));
        Assert.False(oldFamily.GetProperty("InstanceTypes")[0].GetProperty("CurrentGeneration").GetBoolean());
        await Admin.FailsAsync("InvalidInstanceType", "describe-instance-types", "--instance-types", "z9.huge");
        await Admin.FailsAsync("InvalidParameterValue", "describe-instance-types", "--max-results", "101");
        await Admin.FailsAsync("InvalidParameterValue", "describe-instance-types", "--filters", "Name=no-such-filter,Values=1");
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
