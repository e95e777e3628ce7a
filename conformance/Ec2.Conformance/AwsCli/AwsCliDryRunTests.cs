using StandardsCloud.CloudKit;
using StandardsCloud.Ec2Compat;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>
/// awscli <c>--dry-run</c>: the request is checked as the real call checks it (ids, parameters,
/// values, the resources it names), its error answered, and DryRunOperation only where the call
/// would have gone on; nothing changes.
/// </summary>
public sealed class AwsCliDryRunTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private string _image = "";

    private string Zone => cloud.Service<Ec2Options>().Zone;

    public async Task InitializeAsync() => _image = await cloud.RegisterImageAsync("dry-run-" + Guid.NewGuid().ToString("N")[..8]);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<AwsCli> UserAsync() => AwsCli.NewUserAsync(cloud, "dry-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task DryRun_MalformedIds_TheirErrors()
    {
        var cli = await UserAsync();

        await cli.FailsAsync("InvalidInstanceID.Malformed", "terminate-instances", "--instance-ids", "i-0", "--dry-run");
        await cli.FailsAsync("InvalidAMIID.Malformed", "run-instances", "--image-id", "ami-x", "--count", "1", "--dry-run");
        await cli.FailsAsync("InvalidGroupId.Malformed", "delete-security-group", "--group-id", "sg-zz", "--dry-run");
        await cli.FailsAsync("InvalidVolume.Malformed", "describe-volumes", "--volume-ids", "vol-x", "--dry-run");
        await cli.FailsAsync("InvalidInstanceID.Malformed", "describe-instances", "--instance-ids", "i-0", "--dry-run");
    }

    [Fact]
    public async Task DryRun_MissingParameters_MissingParameter()
    {
        var cli = await UserAsync();

        await cli.FailsAsync("MissingParameter", "create-volume", "--availability-zone", Zone, "--dry-run");
        await cli.FailsAsync("MissingParameter", "associate-address", "--instance-id", "i-0123456789abcdef0", "--dry-run");
        await AwsCli.AdminOf(cloud).FailsAsync("MissingParameter", "modify-image-attribute", "--image-id", _image, "--attribute", "description", "--dry-run");
    }

    [Fact]
    public async Task DryRun_BadValues_InvalidParameterValue()
    {
        var cli = await UserAsync();

        await cli.FailsAsync("InvalidParameterValue", "create-volume", "--size", "0", "--availability-zone", Zone, "--dry-run");
        await cli.FailsAsync("InvalidParameterValue", "run-instances", "--image-id", _image, "--count", "1", "--instance-type", "no.such.type", "--dry-run");
        await cli.FailsAsync("InvalidParameterValue", "run-instances", "--image-id", _image, "--count", "1", "--placement", "AvailabilityZone=elsewhere", "--dry-run");
        await cli.FailsAsync("InvalidParameterValue", "authorize-security-group-ingress", "--group-name", "default",
            "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.300/8", "--dry-run");
        await cli.FailsAsync("InvalidParameterValue", "create-security-group", "--group-name", "sg-looks-like-an-id", "--description", "x", "--dry-run");
        await cli.FailsAsync("InvalidParameterValue", "allocate-address", "--domain", "elsewhere", "--dry-run");
    }

    [Fact]
    public async Task DryRun_ResourcesNamed_LookedUp()
    {
        var cli = await UserAsync();

        await cli.FailsAsync("InvalidInstanceID.NotFound", "stop-instances", "--instance-ids", "i-0123456789abcdef0", "--dry-run");
        await cli.FailsAsync("InvalidAMIID.NotFound", "run-instances", "--image-id", "ami-0123456789abcdef0", "--count", "1", "--dry-run");
        await cli.FailsAsync("InvalidVolume.NotFound", "delete-volume", "--volume-id", "vol-0123456789abcdef0", "--dry-run");
        await cli.FailsAsync("InvalidKeyPair.NotFound", "run-instances", "--image-id", _image, "--count", "1", "--key-name", "nosuch", "--dry-run");
    }

    [Fact]
    public async Task DryRun_RequestsThatWouldSucceed_DryRunOperation_NothingChanged()
    {
        var cli = await UserAsync();

        await cli.FailsAsync("DryRunOperation", "run-instances", "--image-id", _image, "--count", "1", "--dry-run");
        await cli.FailsAsync("DryRunOperation", "create-volume", "--size", "1", "--availability-zone", Zone, "--dry-run");
        await cli.FailsAsync("DryRunOperation", "create-security-group", "--group-name", "dry", "--description", "x", "--dry-run");
        await cli.FailsAsync("DryRunOperation", "create-key-pair", "--key-name", "dry", "--dry-run");
        await cli.FailsAsync("DryRunOperation", "allocate-address", "--dry-run");
        await cli.FailsAsync("DryRunOperation", "describe-instances", "--dry-run");

        Assert.Empty((await cli.OkAsync("describe-instances")).GetProperty("Reservations").EnumerateArray());
        Assert.Empty((await cli.OkAsync("describe-volumes")).GetProperty("Volumes").EnumerateArray());
        await cli.FailsAsync("InvalidGroup.NotFound", "describe-security-groups", "--group-names", "dry");
        Assert.Empty((await cli.OkAsync("describe-key-pairs")).GetProperty("KeyPairs").EnumerateArray());
        Assert.Empty((await cli.OkAsync("describe-addresses")).GetProperty("Addresses").EnumerateArray());
    }

    [Fact]
    public async Task DryRun_OfAChangeToAnExistingResource_LeavesItAsItWas()
    {
        var cli = await UserAsync();
        var group = (await cli.OkAsync("create-security-group", "--group-name", "kept", "--description", "x")).GetProperty("GroupId").GetString()!;

        await cli.FailsAsync("DryRunOperation", "authorize-security-group-ingress", "--group-id", group, "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--dry-run");
        await cli.FailsAsync("DryRunOperation", "create-tags", "--resources", group, "--tags", "Key=colour,Value=blue", "--dry-run");
        await cli.FailsAsync("DryRunOperation", "delete-security-group", "--group-id", group, "--dry-run");

        var kept = (await cli.OkAsync("describe-security-groups", "--group-ids", group)).GetProperty("SecurityGroups")[0];
        Assert.Empty(kept.GetProperty("IpPermissions").EnumerateArray());
        Assert.False(kept.TryGetProperty("Tags", out var tags) && tags.GetArrayLength() > 0);
    }
}
