using StandardsCloud.CloudKit;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>awscli against the EC2 Query endpoint, signed with SigV4: a whole session, and the errors it meets.</summary>
public sealed partial class AwsCliSessionTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    private AwsCli Admin => new(site.Endpoint, site.AccessKeyId, site.SecretAccessKey, site.Region);

    [Fact]
    public async Task DescribeRegions_SignedByAwsCli_RegionOne()
    {
        var answer = await Admin.Ec2Async("describe-regions");
        Assert.True(answer.ExitCode == 0, answer.Error);
        Assert.Equal("RegionOne", answer.Json.GetProperty("Regions")[0].GetProperty("RegionName").GetString());
    }

    [Fact]
    public async Task DescribeInstances_UnknownId_InvalidInstanceIdNotFound()
    {
        var answer = await Admin.Ec2Async("describe-instances", "--instance-ids", "i-0123456789abcdef0");
        Assert.NotEqual(0, answer.ExitCode);
        Assert.Contains("InvalidInstanceID.NotFound", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstances_TwoUnknownIds_BothNamed()
    {
        var answer = await Admin.Ec2Async("describe-instances", "--instance-ids", "i-0123456789abcdef0", "i-0123456789abcdef1");

        Assert.Contains("InvalidInstanceID.NotFound", answer.Error, StringComparison.Ordinal);
        Assert.Contains("i-0123456789abcdef0, i-0123456789abcdef1", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstances_MalformedId_Malformed()
    {
        var answer = await Admin.Ec2Async("describe-instances", "--instance-ids", "i-nothex");
        Assert.Contains("InvalidInstanceID.Malformed", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunInstances_DryRun_DryRunOperation()
    {
        var answer = await Admin.Ec2Async("run-instances", "--image-id", site.ImageId, "--count", "1", "--dry-run");
        Assert.Contains("DryRunOperation", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterImage_PlainUser_UnauthorizedOperationWithOrWithoutDryRun()
    {
        var user = await AwsCli.NewUserAsync(site.Cloud, "ec2-image-maker-" + Guid.NewGuid().ToString("N")[..6]);
        var register = new[] { "register-image", "--name", "mine", "--image-location", "0123456789abcdefABCDEF0123" };

        await user.FailsAsync("UnauthorizedOperation", register);
        await user.FailsAsync("UnauthorizedOperation", [.. register, "--dry-run"]);
        await Admin.FailsAsync("DryRunOperation", [.. register, "--dry-run"]);
    }

    [Fact]
    public async Task AnyAction_WrongSecret_AuthFailure()
    {
        var wrong = new AwsCli(site.Endpoint, site.AccessKeyId, "not-the-secret-0000000000000000000000000");
        var answer = await wrong.Ec2Async("describe-regions");
        Assert.NotEqual(0, answer.ExitCode);
        Assert.Contains("AuthFailure", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyAction_SignedForAnotherRegion_AuthFailure()
    {
        var elsewhere = new AwsCli(site.Endpoint, site.AccessKeyId, site.Cloud.Admin.SecretAccessKey, region: "us-east-1");
        var answer = await elsewhere.Ec2Async("describe-regions");
        Assert.NotEqual(0, answer.ExitCode);
        Assert.Contains("AuthFailure", answer.Error, StringComparison.Ordinal);
        Assert.Contains("RegionOne", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstances_OtherUsersInstance_NotFound()
    {
        var run = await Admin.Ec2Async("run-instances", "--image-id", site.ImageId, "--count", "1");
        var id = run.Json.GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;

        using var admin = site.Cloud.AdminClient();
        await site.Cloud.NewUserAsync("ec2-eve");
        var key = await (await admin.PostAsync("/api/v1/users/ec2-eve/access-keys", null)).Content.ReadAsStringAsync();
        var created = System.Text.Json.JsonDocument.Parse(key).RootElement;
        var eve = new AwsCli(site.Cloud.Ec2Address, created.GetProperty("accessKeyId").GetString()!, created.GetProperty("secretAccessKey").GetString()!);

        Assert.Contains("InvalidInstanceID.NotFound", (await eve.Ec2Async("describe-instances", "--instance-ids", id)).Error, StringComparison.Ordinal);
        Assert.Contains("InvalidInstanceID.NotFound", (await eve.Ec2Async("terminate-instances", "--instance-ids", id)).Error, StringComparison.Ordinal);
        var all = await eve.Ec2Async("describe-instances");
        Assert.Equal(0, all.Json.GetProperty("Reservations").GetArrayLength());
    }
}
