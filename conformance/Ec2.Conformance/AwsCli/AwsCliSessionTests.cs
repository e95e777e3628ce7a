using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>A realistic awscli session against the EC2 Query endpoint, signed with SigV4.</summary>
public sealed class AwsCliSessionTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    private AwsCli Admin => new(cloud.Ec2Address, cloud.Admin.AccessKeyId, cloud.Admin.SecretAccessKey);

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "ec2-host", cpus: 16, memoryMiB: 65536);
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("ec2-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task DescribeRegions_SignedByAwsCli_RegionOne()
    {
        var answer = await Admin.Ec2Async("describe-regions");
        Assert.True(answer.ExitCode == 0, answer.Error);
        Assert.Equal("RegionOne", answer.Json.GetProperty("Regions")[0].GetProperty("RegionName").GetString());
    }

    [Fact]
    public async Task RunDescribeStopStartTerminate_WholeSession_StatesAsEc2Names()
    {
        var run = await Admin.Ec2Async("run-instances", "--image-id", _image, "--instance-type", "t1.micro", "--count", "2");
        Assert.True(run.ExitCode == 0, run.Error);
        var ids = run.Json.GetProperty("Instances").EnumerateArray().Select(i => i.GetProperty("InstanceId").GetString()!).ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(run.Json.GetProperty("Instances").EnumerateArray(), i => Assert.Equal("pending", i.GetProperty("State").GetProperty("Name").GetString()));

        using (var api = cloud.AdminClient())
        {
            await api.WaitForAllAsync(ids, "Running");
        }

        var running = await Admin.Ec2Async("describe-instances", "--filters", "Name=instance-state-name,Values=running", "Name=image-id,Values=" + _image);
        Assert.True(running.ExitCode == 0, running.Error);
        var listed = running.Json.GetProperty("Reservations").EnumerateArray()
            .SelectMany(r => r.GetProperty("Instances").EnumerateArray()).Select(i => i.GetProperty("InstanceId").GetString()).ToList();
        Assert.Equal(ids.Order(), listed.Order());

        var stop = await Admin.Ec2Async("stop-instances", "--instance-ids", ids[0]);
        Assert.True(stop.ExitCode == 0, stop.Error);
        Assert.Equal("running", stop.Json.GetProperty("StoppingInstances")[0].GetProperty("PreviousState").GetProperty("Name").GetString());
        using (var api = cloud.AdminClient())
        {
            await api.WaitForStateAsync(ids[0], "Stopped");
        }

        var start = await Admin.Ec2Async("start-instances", "--instance-ids", ids[0]);
        Assert.True(start.ExitCode == 0, start.Error);
        Assert.Equal("stopped", start.Json.GetProperty("StartingInstances")[0].GetProperty("PreviousState").GetProperty("Name").GetString());

        var terminate = await Admin.Ec2Async("terminate-instances", "--instance-ids", ids[0], ids[1]);
        Assert.True(terminate.ExitCode == 0, terminate.Error);
        Assert.Equal(2, terminate.Json.GetProperty("TerminatingInstances").GetArrayLength());
        using (var api = cloud.AdminClient())
        {
            await api.WaitForAllAsync(ids, "Done");
        }

        var gone = await Admin.Ec2Async("describe-instances", "--instance-ids", ids[1]);
        Assert.Equal("terminated", gone.Json.GetProperty("Reservations")[0].GetProperty("Instances")[0].GetProperty("State").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task DescribeInstances_UnknownId_InvalidInstanceIdNotFound()
    {
        var answer = await Admin.Ec2Async("describe-instances", "--instance-ids", "i-0123456789abcdef0");
        Assert.NotEqual(0, answer.ExitCode);
        Assert.Contains("InvalidInstanceID.NotFound", answer.Error, StringComparison.Ordinal);
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
        var answer = await Admin.Ec2Async("run-instances", "--image-id", _image, "--count", "1", "--dry-run");
        Assert.Contains("DryRunOperation", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyAction_WrongSecret_AuthFailure()
    {
        var wrong = new AwsCli(cloud.Ec2Address, cloud.Admin.AccessKeyId, "not-the-secret-0000000000000000000000000");
        var answer = await wrong.Ec2Async("describe-regions");
        Assert.NotEqual(0, answer.ExitCode);
        Assert.Contains("AuthFailure", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyAction_SignedForAnotherRegion_AuthFailure()
    {
        var elsewhere = new AwsCli(cloud.Ec2Address, cloud.Admin.AccessKeyId, cloud.Admin.SecretAccessKey, region: "us-east-1");
        var answer = await elsewhere.Ec2Async("describe-regions");
        Assert.NotEqual(0, answer.ExitCode);
        Assert.Contains("AuthFailure", answer.Error, StringComparison.Ordinal);
        Assert.Contains("RegionOne", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstances_OtherUsersInstance_NotFound()
    {
        var run = await Admin.Ec2Async("run-instances", "--image-id", _image, "--count", "1");
        var id = run.Json.GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;

        using var admin = cloud.AdminClient();
        await cloud.NewUserAsync("ec2-eve");
        var key = await (await admin.PostAsync("/api/v1/users/ec2-eve/access-keys", null)).Content.ReadAsStringAsync();
        var created = System.Text.Json.JsonDocument.Parse(key).RootElement;
        var eve = new AwsCli(cloud.Ec2Address, created.GetProperty("accessKeyId").GetString()!, created.GetProperty("secretAccessKey").GetString()!);

        Assert.Contains("InvalidInstanceID.NotFound", (await eve.Ec2Async("describe-instances", "--instance-ids", id)).Error, StringComparison.Ordinal);
        Assert.Contains("InvalidInstanceID.NotFound", (await eve.Ec2Async("terminate-instances", "--instance-ids", id)).Error, StringComparison.Ordinal);
        var all = await eve.Ec2Async("describe-instances");
        Assert.Equal(0, all.Json.GetProperty("Reservations").GetArrayLength());
    }
}
