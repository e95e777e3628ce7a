using System.Text;
using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>
/// What an instance carries beyond its state, through awscli: groups, private address, user data,
/// attributes, termination protection, status checks and console output.
/// </summary>
public sealed class AwsCliInstanceDetailTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    private AwsCli Admin => AwsCli.AdminOf(cloud);

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "detail-host", cpus: 16, memoryMiB: 65536);
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("detail-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task RunInstances_GroupsAndPrivateAddress_DescribedAndFilterable()
    {
        var web = (await Admin.OkAsync("create-security-group", "--group-name", "detail-web", "--description", "x")).GetProperty("GroupId").GetString()!;
        var run = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "2", "--security-groups", "detail-web",
            "--placement", "AvailabilityZone=RegionOnea");
        var instances = run.GetProperty("Instances").EnumerateArray().ToList();
        Assert.All(instances, i => Assert.Equal(web, i.GetProperty("SecurityGroups")[0].GetProperty("GroupId").GetString()));
        var ips = instances.Select(i => i.GetProperty("PrivateIpAddress").GetString()!).ToList();
        Assert.NotEqual(ips[0], ips[1]);
        Assert.All(ips, ip => Assert.StartsWith("10.10.", ip, StringComparison.Ordinal));
        var dns = instances[0].GetProperty("PrivateDnsName").GetString()!;
        Assert.Equal($"ip-{ips[0].Replace('.', '-')}.RegionOne.compute.internal", dns);

        var byIp = await Admin.OkAsync("describe-instances", "--filters", "Name=private-ip-address,Values=" + ips[1]);
        Assert.Equal(instances[1].GetProperty("InstanceId").GetString(), OnlyInstance(byIp).GetProperty("InstanceId").GetString());
        var byDns = await Admin.OkAsync("describe-instances", "--filters", "Name=private-dns-name,Values=" + dns);
        Assert.Equal(instances[0].GetProperty("InstanceId").GetString(), OnlyInstance(byDns).GetProperty("InstanceId").GetString());
        var byGroup = await Admin.OkAsync("describe-instances", "--filters", "Name=instance.group-name,Values=detail-web");
        Assert.Equal(2, byGroup.GetProperty("Reservations")[0].GetProperty("Instances").GetArrayLength());

        // One owner, one 12-digit account id: on the reservation, on the group, and in the owner-id filter.
        var account = run.GetProperty("OwnerId").GetString()!;
        Assert.Matches("^[0-9]{12}$", account);
        Assert.Equal(account, byGroup.GetProperty("Reservations")[0].GetProperty("OwnerId").GetString());
        var group = (await Admin.OkAsync("describe-security-groups", "--group-ids", web)).GetProperty("SecurityGroups")[0];
        Assert.Equal(account, group.GetProperty("OwnerId").GetString());
        var byOwner = await Admin.OkAsync("describe-instances", "--filters", "Name=owner-id,Values=" + account, "Name=instance.group-name,Values=detail-web");
        Assert.Equal(2, byOwner.GetProperty("Reservations")[0].GetProperty("Instances").GetArrayLength());

        // No group named: the owner's default group, which exists without being made.
        var plain = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1");
        Assert.Equal("default", plain.GetProperty("Instances")[0].GetProperty("SecurityGroups")[0].GetProperty("GroupName").GetString());
        await Admin.FailsAsync("CannotDelete", "delete-security-group", "--group-name", "default");
        await Admin.FailsAsync("InvalidGroup.InUse", "delete-security-group", "--group-id", web);
        await Admin.FailsAsync("InvalidGroup.NotFound", "run-instances", "--image-id", _image, "--count", "1", "--security-groups", "nope");
        await Admin.FailsAsync("InvalidParameterValue", "run-instances", "--image-id", _image, "--count", "1", "--placement", "AvailabilityZone=elsewhere");
    }

    [Fact]
    public async Task Launch_ThroughTheJsonApi_JoinsTheDefaultGroupAsThroughEc2()
    {
        using var api = cloud.AdminClient();
        var id = (await api.LaunchAsync(_image))[0].GetProperty("id").GetString()!;
        var described = await Admin.OkAsync("describe-instances", "--instance-ids", id);
        var groups = OnlyInstance(described).GetProperty("SecurityGroups");
        Assert.Equal("default", Assert.Single(groups.EnumerateArray()).GetProperty("GroupName").GetString());
    }

    [Fact]
    public async Task Attributes_UserDataTypeAndTerminationProtection_AsEc2Rules()
    {
        var run = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1", "--instance-type", "t1.micro",
            "--user-data", "#!/bin/sh\necho hello from user data\n", "--disable-api-termination");
        var id = run.GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        using (var api = cloud.AdminClient())
        {
            await api.WaitForStateAsync(id, "Running");
        }

        var userData = await Admin.OkAsync("describe-instance-attribute", "--instance-id", id, "--attribute", "userData");
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(userData.GetProperty("UserData").GetProperty("Value").GetString()!));
        Assert.Equal("#!/bin/sh\necho hello from user data\n", decoded);

        var protection = await Admin.OkAsync("describe-instance-attribute", "--instance-id", id, "--attribute", "disableApiTermination");
        Assert.True(protection.GetProperty("DisableApiTermination").GetProperty("Value").GetBoolean());
        await Admin.FailsAsync("OperationNotPermitted", "terminate-instances", "--instance-ids", id);

        await Admin.FailsAsync("IncorrectInstanceState", "modify-instance-attribute", "--instance-id", id, "--instance-type", "Value=m1.small");
        await Admin.OkAsync("stop-instances", "--instance-ids", id);
        using (var api = cloud.AdminClient())
        {
            await api.WaitForStateAsync(id, "Stopped");
        }

        await Admin.OkAsync("modify-instance-attribute", "--instance-id", id, "--instance-type", "Value=m1.small");
        var type = await Admin.OkAsync("describe-instance-attribute", "--instance-id", id, "--attribute", "instanceType");
        Assert.Equal("m1.small", type.GetProperty("InstanceType").GetProperty("Value").GetString());
        await Admin.FailsAsync("InvalidParameterValue", "modify-instance-attribute", "--instance-id", id, "--instance-type", "Value=x9.huge");
        // A dry run checks the type as the real call does, and changes nothing when it would succeed.
        await Admin.FailsAsync("InvalidParameterValue", "modify-instance-attribute", "--instance-id", id, "--instance-type", "Value=x9.huge", "--dry-run");
        await Admin.FailsAsync("DryRunOperation", "modify-instance-attribute", "--instance-id", id, "--instance-type", "Value=t1.micro", "--dry-run");
        Assert.Equal("m1.small", (await Admin.OkAsync("describe-instance-attribute", "--instance-id", id, "--attribute", "instanceType"))
            .GetProperty("InstanceType").GetProperty("Value").GetString());

        await Admin.OkAsync("modify-instance-attribute", "--instance-id", id, "--no-disable-api-termination");
        var terminated = await Admin.OkAsync("terminate-instances", "--instance-ids", id);
        Assert.Equal("stopped", terminated.GetProperty("TerminatingInstances")[0].GetProperty("PreviousState").GetProperty("Name").GetString());

        var history = await cloud.AdminClient().GetStringAsync($"/api/v1/instances/{id}/history");
        Assert.Contains("resized to m1.small", history, StringComparison.Ordinal);
        Assert.Contains("termination protection off", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attributes_UnknownVpcOnlyOrMixed_RefusedAsEc2ClassicDoes()
    {
        var run = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1", "--instance-type", "t1.micro");
        var id = run.GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        using (var api = cloud.AdminClient())
        {
            await api.WaitForStateAsync(id, "Running");
        }

        await Admin.FailsAsync("InvalidParameterValue", "describe-instance-attribute", "--instance-id", id, "--attribute", "fake_attribute");
        await Admin.FailsAsync("InvalidParameterCombination", "describe-instance-attribute", "--instance-id", id, "--attribute", "sourceDestCheck");

        await Admin.FailsAsync("InvalidParameterValue", "modify-instance-attribute", "--instance-id", id, "--attribute", "fake_attribute");
        await Admin.FailsAsync("MissingParameter", "modify-instance-attribute", "--instance-id", id, "--attribute", "disableApiTermination");
        await Admin.FailsAsync("InvalidParameterCombination", "modify-instance-attribute", "--instance-id", id);
        await Admin.FailsAsync("InvalidParameterCombination", "modify-instance-attribute", "--instance-id", id,
            "--attribute", "disableApiTermination", "--value", "true", "--no-disable-api-termination");
        await Admin.FailsAsync("InvalidParameterCombination", "modify-instance-attribute", "--instance-id", id, "--groups", "sg-0123456789abcdef0");
        await Admin.FailsAsync("InvalidParameterCombination", "modify-instance-attribute", "--instance-id", id, "--no-source-dest-check");
        // Not stopped: refused even when the type would not change.
        await Admin.FailsAsync("IncorrectInstanceState", "modify-instance-attribute", "--instance-id", id, "--instance-type", "Value=t1.micro");

        foreach (var attribute in new[] { "disableApiTermination", "groupSet", "instanceType" })
        {
            await Admin.FailsAsync("InvalidParameterValue", "reset-instance-attribute", "--instance-id", id, "--attribute", attribute);
        }

        await Admin.FailsAsync("InvalidParameterCombination", "reset-instance-attribute", "--instance-id", id, "--attribute", "sourceDestCheck");
        await Admin.FailsAsync("IncorrectInstanceState", "reset-instance-attribute", "--instance-id", id, "--attribute", "kernel");
        await Admin.OkAsync("stop-instances", "--instance-ids", id);
        using (var api = cloud.AdminClient())
        {
            await api.WaitForStateAsync(id, "Stopped");
        }

        await Admin.OkAsync("reset-instance-attribute", "--instance-id", id, "--attribute", "kernel");
        await Admin.FailsAsync("InvalidInstanceID.NotFound", "reset-instance-attribute", "--instance-id", "i-0123456789abcdef0", "--attribute", "ramdisk");
    }

    [Fact]
    public async Task StatusAndConsole_RunningInstance_OkAndItsOwnText()
    {
        var ids = (await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "2")).GetProperty("Instances")
            .EnumerateArray().Select(i => i.GetProperty("InstanceId").GetString()!).ToList();
        using (var api = cloud.AdminClient())
        {
            await api.WaitForAllAsync(ids, "Running");
        }

        await Admin.OkAsync("stop-instances", "--instance-ids", ids[1]);
        using (var api = cloud.AdminClient())
        {
            await api.WaitForStateAsync(ids[1], "Stopped");
        }

        var running = await Admin.OkAsync("describe-instance-status", "--instance-ids", ids[0], ids[1]);
        var status = running.GetProperty("InstanceStatuses").EnumerateArray().ToList();
        Assert.Equal([ids[0]], status.Select(s => s.GetProperty("InstanceId").GetString()));
        Assert.Equal("ok", status[0].GetProperty("InstanceStatus").GetProperty("Status").GetString());
        Assert.Equal("passed", status[0].GetProperty("SystemStatus").GetProperty("Details")[0].GetProperty("Status").GetString());

        var all = await Admin.OkAsync("describe-instance-status", "--instance-ids", ids[0], ids[1], "--include-all-instances");
        var stopped = all.GetProperty("InstanceStatuses").EnumerateArray().Single(s => s.GetProperty("InstanceId").GetString() == ids[1]);
        Assert.Equal("not-applicable", stopped.GetProperty("InstanceStatus").GetProperty("Status").GetString());
        Assert.Equal("stopped", stopped.GetProperty("InstanceState").GetProperty("Name").GetString());

        await _node.SendConsoleAsync(ids[0], 0, "booting ünïcode guest\nlogin: ");
        var console = await Admin.OkAsync("get-console-output", "--instance-id", ids[0]);
        Assert.Equal("booting ünïcode guest\nlogin: ", console.GetProperty("Output").GetString());
        var empty = await Admin.OkAsync("get-console-output", "--instance-id", ids[1]);
        Assert.Equal("", empty.GetProperty("Output").GetString());
        await Admin.FailsAsync("InvalidInstanceID.NotFound", "get-console-output", "--instance-id", "i-0123456789abcdef0");
    }

    private static JsonElement OnlyInstance(JsonElement described)
    {
        var all = described.GetProperty("Reservations").EnumerateArray().SelectMany(r => r.GetProperty("Instances").EnumerateArray()).ToList();
        return Assert.Single(all);
    }

    // EC2 API reference, StateReason and StateTransitionReason: why an instance last left running.
    [Fact]
    public async Task StopAndTerminate_ByTheOwner_SayUserInitiated()
    {
        var id = (await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1")).GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        using (var api = cloud.AdminClient())
        {
            await api.WaitForStateAsync(id, "Running");
            var running = (await Admin.OkAsync("describe-instances", "--instance-ids", id)).GetProperty("Reservations")[0].GetProperty("Instances")[0];
            Assert.False(running.TryGetProperty("StateReason", out _));
            Assert.Equal("", running.GetProperty("StateTransitionReason").GetString());

            await Admin.OkAsync("stop-instances", "--instance-ids", id);
            await api.WaitForStateAsync(id, "Stopped");
        }

        var stopped = (await Admin.OkAsync("describe-instances", "--instance-ids", id)).GetProperty("Reservations")[0].GetProperty("Instances")[0];
        Assert.Equal("Client.UserInitiatedShutdown", stopped.GetProperty("StateReason").GetProperty("Code").GetString());
        Assert.Matches(@"^User initiated \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} GMT\)$", stopped.GetProperty("StateTransitionReason").GetString());
        await Admin.OkAsync("terminate-instances", "--instance-ids", id);
    }

    // EC2-Classic has no subnets; a client token names one launch (EC2 API reference, Ensuring idempotency).
    [Fact]
    public async Task RunInstances_SubnetOrReusedClientToken_Refused()
    {
        await Admin.FailsAsync("InvalidSubnetID.NotFound", "run-instances", "--image-id", _image, "--count", "1", "--subnet-id", "subnet-12345678");
        var token = "detail-" + Guid.NewGuid().ToString("N")[..8];
        var first = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1", "--instance-type", "t1.micro", "--client-token", token);
        var again = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1", "--instance-type", "t1.micro", "--client-token", token);

        Assert.Equal(first.GetProperty("ReservationId").GetString(), again.GetProperty("ReservationId").GetString());
        await Admin.FailsAsync("IdempotentParameterMismatch", "run-instances", "--image-id", _image, "--count", "1", "--instance-type", "m1.small", "--client-token", token);
        await Admin.OkAsync("terminate-instances", "--instance-ids", first.GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!);
    }

    // EC2 API reference, DescribeInstances Filter.N: a Classic on-demand Linux instance has no VPC, platform or lifecycle.
    [Fact]
    public async Task DescribeInstances_ClassicOnlyFilters_MatchNothing_LaunchTimeMatches()
    {
        var run = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1");
        var instance = run.GetProperty("Instances")[0];
        var id = instance.GetProperty("InstanceId").GetString()!;
        var day = instance.GetProperty("LaunchTime").GetString()![..10];

        foreach (var filter in new[] { "Name=vpc-id,Values=vpc-12345678", "Name=platform,Values=windows", "Name=instance-lifecycle,Values=spot" })
        {
            var none = await Admin.OkAsync("describe-instances", "--instance-ids", id, "--filters", filter);
            Assert.Empty(none.GetProperty("Reservations").EnumerateArray());
        }

        var launched = await Admin.OkAsync("describe-instances", "--filters", $"Name=launch-time,Values={day}*", $"Name=instance-id,Values={id}");
        Assert.Single(launched.GetProperty("Reservations").EnumerateArray());
        await Admin.OkAsync("terminate-instances", "--instance-ids", id);
    }

    // EC2 API reference, RunInstances and ModifyInstanceAttribute: InstanceInitiatedShutdownBehavior stop or terminate.
    [Fact]
    public async Task ShutdownBehavior_SetAtLaunch_ChangedLater_InvalidValueRefused()
    {
        var id = (await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1", "--instance-initiated-shutdown-behavior", "terminate"))
            .GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        async Task<string?> Behavior() => (await Admin.OkAsync("describe-instance-attribute", "--instance-id", id, "--attribute", "instanceInitiatedShutdownBehavior"))
            .GetProperty("InstanceInitiatedShutdownBehavior").GetProperty("Value").GetString();

        Assert.Equal("terminate", await Behavior());
        await Admin.OkAsync("modify-instance-attribute", "--instance-id", id, "--instance-initiated-shutdown-behavior", "Value=stop");
        Assert.Equal("stop", await Behavior());
        await Admin.FailsAsync("InvalidParameterValue", "modify-instance-attribute", "--instance-id", id, "--instance-initiated-shutdown-behavior", "Value=hibernate");
        await Admin.FailsAsync("InvalidParameterValue", "run-instances", "--image-id", _image, "--count", "1", "--instance-initiated-shutdown-behavior", "hibernate");
        await Admin.OkAsync("terminate-instances", "--instance-ids", id);
    }
}
