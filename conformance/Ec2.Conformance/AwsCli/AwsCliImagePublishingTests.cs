using StandardsCloud.CloudKit;
using StandardsCloud.Server.Configuration;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>A site whose administrators alone make images public (<c>compute.usersMayPublishImages</c> false).</summary>
public sealed class AdministratorsPublishCloud : CloudFixture
{
    protected override ServerSettings Adjust(ServerSettings settings) =>
        settings with { Compute = settings.Compute with { UsersMayPublishImages = false } };
}

/// <summary>awscli on a site that keeps publishing images to its administrators.</summary>
public sealed class AwsCliImagePublishingTests(AdministratorsPublishCloud cloud) : IClassFixture<AdministratorsPublishCloud>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    private AwsCli Admin => AwsCli.AdminOf(cloud);

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "publishing-host", cpus: 16, memoryMiB: 65536);
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("publishing-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task UsersOwnImage_PublishingUnauthorized_OtherChangesAndAdministratorsAllowed()
    {
        var user = await AwsCli.NewUserAsync(cloud, "publisher-" + Guid.NewGuid().ToString("N")[..6]);
        var other = await AwsCli.NewUserAsync(cloud, "onlooker-" + Guid.NewGuid().ToString("N")[..6]);
        var instance = (await user.OkAsync("run-instances", "--image-id", _image, "--count", "1"))
            .GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        using (var admin = cloud.AdminClient())
        {
            await admin.WaitForStateAsync(instance, "Running");
        }

        var image = (await user.OkAsync("create-image", "--instance-id", instance, "--name", "kept to its owner")).GetProperty("ImageId").GetString()!;
        async Task<int> Groups() => (await user.OkAsync("describe-image-attribute", "--image-id", image, "--attribute", "launchPermission"))
            .GetProperty("LaunchPermissions").GetArrayLength();

        await user.FailsAsync("UnauthorizedOperation", "modify-image-attribute", "--image-id", image, "--launch-permission", "Add=[{Group=all}]");
        await user.FailsAsync("UnauthorizedOperation", "modify-image-attribute", "--image-id", image, "--launch-permission", "Add=[{Group=all}]", "--dry-run");
        await Admin.FailsAsync("DryRunOperation", "modify-image-attribute", "--image-id", image, "--launch-permission", "Add=[{Group=all}]", "--dry-run");
        await user.FailsAsync("UnauthorizedOperation", "modify-image-attribute", "--image-id", image,
            "--attribute", "launchPermission", "--operation-type", "add", "--user-groups", "all");
        Assert.Equal(0, await Groups());
        await other.FailsAsync("InvalidAMIID.NotFound", "describe-images", "--image-ids", image);

        await user.OkAsync("modify-image-attribute", "--image-id", image, "--description", "Value=still mine");
        await user.OkAsync("reset-image-attribute", "--image-id", image, "--attribute", "launchPermission");
        Assert.Equal("still mine", (await user.OkAsync("describe-image-attribute", "--image-id", image, "--attribute", "description"))
            .GetProperty("Description").GetProperty("Value").GetString());

        await Admin.OkAsync("modify-image-attribute", "--image-id", image, "--launch-permission", "Add=[{Group=all}]");
        Assert.Equal(1, await Groups());
        Assert.Single((await other.OkAsync("describe-images", "--image-ids", image)).GetProperty("Images").EnumerateArray());

        // Taking an image back from every user stays the owner's choice.
        await user.OkAsync("modify-image-attribute", "--image-id", image, "--launch-permission", "Remove=[{Group=all}]");
        Assert.Equal(0, await Groups());
        await other.FailsAsync("InvalidAMIID.NotFound", "describe-images", "--image-ids", image);
    }
}
