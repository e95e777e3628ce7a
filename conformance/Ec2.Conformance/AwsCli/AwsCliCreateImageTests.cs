using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>awscli making an image from an instance (CreateImage) and using it.</summary>
public sealed class AwsCliCreateImageTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "image-maker-host", cpus: 16, memoryMiB: 65536);
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("image-maker-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task CreateImage_PendingThenAvailable_OwnedByTheCaller_RunsInstances()
    {
        var user = await AwsCli.NewUserAsync(cloud, "ec2-imager-" + Guid.NewGuid().ToString("N")[..6]);
        var run = await user.OkAsync("run-instances", "--image-id", _image, "--count", "1");
        var instance = run.GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        using (var admin = cloud.AdminClient())
        {
            await admin.WaitForStateAsync(instance, "Running");
        }

        var created = await user.OkAsync("create-image", "--instance-id", instance, "--name", "web server (v1)", "--no-reboot");
        var imageId = created.GetProperty("ImageId").GetString()!;
        Assert.Matches("^ami-[0-9a-f]{17}$", imageId);

        var image = await WaitForStateAsync(user, imageId, "available");
        Assert.Equal("web server (v1)", image.GetProperty("Name").GetString());
        Assert.False(image.GetProperty("Public").GetBoolean());
        Assert.Equal(run.GetProperty("OwnerId").GetString(), image.GetProperty("OwnerId").GetString());
        Assert.Equal($"{run.GetProperty("OwnerId").GetString()}/web server (v1)", image.GetProperty("ImageLocation").GetString());
        var mine = await user.OkAsync("describe-images", "--owners", "self", "--filters", "Name=state,Values=available");
        Assert.Contains(mine.GetProperty("Images").EnumerateArray(), i => i.GetProperty("ImageId").GetString() == imageId);

        var again = await user.OkAsync("run-instances", "--image-id", imageId, "--count", "1");
        Assert.Equal(imageId, again.GetProperty("Instances")[0].GetProperty("ImageId").GetString());

        await user.FailsAsync("InvalidAMIName.Duplicate", "create-image", "--instance-id", instance, "--name", "web server (v1)");
        await user.FailsAsync("InvalidAMIName.Malformed", "create-image", "--instance-id", instance, "--name", "tabs\tare not allowed");
        await user.FailsAsync("InvalidInstanceID.NotFound", "create-image", "--instance-id", "i-0123456789abcdef0", "--name", "nothing");

        var other = await AwsCli.NewUserAsync(cloud, "ec2-onlooker-" + Guid.NewGuid().ToString("N")[..6]);
        await other.FailsAsync("InvalidAMIID.NotFound", "describe-images", "--image-ids", imageId);
        await other.FailsAsync("InvalidInstanceID.NotFound", "create-image", "--instance-id", instance, "--name", "not mine");
    }

    private static async Task<System.Text.Json.JsonElement> WaitForStateAsync(AwsCli cli, string imageId, string state)
    {
        var last = "";
        for (var i = 0; i < 60; i++)
        {
            var image = (await cli.OkAsync("describe-images", "--image-ids", imageId)).GetProperty("Images")[0];
            last = image.GetProperty("State").GetString()!;
            if (last == state)
            {
                return image;
            }

            Assert.Equal("pending", last);
            await Task.Delay(250);
        }

        Assert.Fail($"image {imageId} stayed {last}, never {state}");
        return default;
    }
}
