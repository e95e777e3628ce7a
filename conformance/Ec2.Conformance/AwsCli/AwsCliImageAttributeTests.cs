using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Describe/Modify/ResetImageAttribute through awscli: an image's description and launch permission are its owner's.</summary>
public sealed class AwsCliImageAttributeTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    private AwsCli Admin => AwsCli.AdminOf(cloud);

    [Fact]
    public async Task Owner_DescribesAndSharesTheImage_UsersSeeIt()
    {
        var image = await cloud.RegisterImageAsync("attr-" + Guid.NewGuid().ToString("N")[..8]);
        var user = await AwsCli.NewUserAsync(cloud, "attr-user-" + Guid.NewGuid().ToString("N")[..6]);
        async Task<int> Groups() => (await Admin.OkAsync("describe-image-attribute", "--image-id", image, "--attribute", "launchPermission"))
            .GetProperty("LaunchPermissions").GetArrayLength();

        await Admin.OkAsync("modify-image-attribute", "--image-id", image, "--description", "Value=tiny test guest");
        var description = await Admin.OkAsync("describe-image-attribute", "--image-id", image, "--attribute", "description");
        var listed = (await Admin.OkAsync("describe-images", "--image-ids", image)).GetProperty("Images")[0];
        Assert.Equal("tiny test guest", description.GetProperty("Description").GetProperty("Value").GetString());
        Assert.Equal("tiny test guest", listed.GetProperty("Description").GetString());
        Assert.Equal(1, await Groups());

        await Admin.OkAsync("reset-image-attribute", "--image-id", image, "--attribute", "launchPermission");
        Assert.Equal(0, await Groups());
        await user.FailsAsync("InvalidAMIID.NotFound", "describe-images", "--image-ids", image);

        await Admin.OkAsync("modify-image-attribute", "--image-id", image, "--launch-permission", "Add=[{Group=all}]");
        Assert.Equal(1, await Groups());
        Assert.Single((await user.OkAsync("describe-images", "--image-ids", image)).GetProperty("Images").EnumerateArray());
    }

    // ec2api-tempest-plugin's negative image checks: another account's public image is AuthFailure; bad requests their own codes.
    [Fact]
    public async Task AnotherUsersImage_AuthFailure_BadRequestsRefused()
    {
        var image = await cloud.RegisterImageAsync("attr-neg-" + Guid.NewGuid().ToString("N")[..8]);
        var user = await AwsCli.NewUserAsync(cloud, "attr-other-" + Guid.NewGuid().ToString("N")[..6]);

        await user.FailsAsync("InvalidRequest", "describe-image-attribute", "--image-id", image, "--attribute", "unsupported");
        await user.FailsAsync("AuthFailure", "describe-image-attribute", "--image-id", image, "--attribute", "description");
        await user.FailsAsync("InvalidParameterCombination", "modify-image-attribute", "--image-id", image, "--attribute", "unsupported");
        await user.FailsAsync("InvalidParameter", "modify-image-attribute", "--image-id", image, "--attribute", "blockDeviceMapping");
        await user.FailsAsync("InvalidParameterCombination", "modify-image-attribute", "--image-id", image);
        await user.FailsAsync("AuthFailure", "modify-image-attribute", "--image-id", image, "--description", "Value=fake");
        await user.FailsAsync("AuthFailure", "modify-image-attribute", "--image-id", image, "--launch-permission", "Add=[{Group=all}]");
        await user.FailsAsync("MissingParameter", "modify-image-attribute", "--image-id", image, "--attribute", "description");
        await user.FailsAsync("InvalidParameterCombination", "modify-image-attribute", "--image-id", image, "--attribute", "launchPermission");
        await user.FailsAsync("InvalidRequest", "reset-image-attribute", "--image-id", image, "--attribute", "fake");
        await user.FailsAsync("AuthFailure", "reset-image-attribute", "--image-id", image, "--attribute", "launchPermission");
        await user.FailsAsync("AuthFailure", "deregister-image", "--image-id", image);
        await Admin.FailsAsync("InvalidParameterValue", "modify-image-attribute", "--image-id", image, "--launch-permission", "Add=[{UserId=123456789012}]");

        Assert.Single((await user.OkAsync("describe-images", "--image-ids", image)).GetProperty("Images").EnumerateArray());
    }
}
