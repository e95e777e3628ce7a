using System.Reflection;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;
using static StandardsCloud.Ec2.Conformance.AwsSdk.AwsSdkClient;

namespace StandardsCloud.Ec2.Conformance.AwsSdk;

/// <summary>
/// The AWS SDK for .NET (AWSSDK.EC2 4.x) through a whole session, signed with SigV4 (the SDK
/// signs for the site's region in lower case, "regionone").
/// </summary>
public sealed class AwsSdkSessionTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task WholeSession_AwsSdkForDotNet_EveryStepAsEc2Documents()
    {
        var inputs = SessionInputs.For("sdk");
        using var ec2 = For(site);
        var version = typeof(AmazonEC2Client).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
        var steps = new SessionSteps($"AWS SDK for .NET (AWSSDK.EC2 {version})");
        var imported = inputs.Prefix + "-imported";
        var made = inputs.Prefix + "-made";
        var groupName = inputs.Prefix + "-web";
        var userData = $"#cloud-config\nhostname: {inputs.Prefix}\n";
        var groupId = "";
        var madeFingerprint = "";
        RunInstancesResponse? run = null;
        List<string> ids = [];
        var address = "";

        await steps.RunAsync("DescribeRegions", async () =>
            Assert.Contains(site.Region, (await ec2.DescribeRegionsAsync(new DescribeRegionsRequest())).Regions.Select(r => r.RegionName)));

        await steps.RunAsync("DescribeAvailabilityZones", async () =>
            Assert.Equal([(site.Zone, "available")], (await ec2.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest())).AvailabilityZones.Select(z => (z.ZoneName, z.State.Value))));

        await steps.RunAsync("DescribeImages", async () =>
        {
            var images = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [site.ImageId] })).Images;
            Assert.Equal([(site.ImageId, "available")], images.Select(i => (i.ImageId, i.State.Value)));
        });

        await steps.RunAsync("ImportKeyPair", async () =>
        {
            // The SDK sends PublicKeyMaterial as given; the Query API wants it base64-encoded.
            var answer = await ec2.ImportKeyPairAsync(new ImportKeyPairRequest { KeyName = imported, PublicKeyMaterial = Convert.ToBase64String(Encoding.ASCII.GetBytes(inputs.Key.PublicKey)) });
            Assert.Equal((imported, inputs.Key.Fingerprint), (answer.KeyName, answer.KeyFingerprint));
        });

        await steps.RunAsync("CreateKeyPair", async () =>
        {
            var answer = (await ec2.CreateKeyPairAsync(new CreateKeyPairRequest { KeyName = made })).KeyPair;
            Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", answer.KeyMaterial, StringComparison.Ordinal);
            madeFingerprint = answer.KeyFingerprint;
            Assert.Equal(SshKey.CreatedKeyFingerprint(answer.KeyMaterial), madeFingerprint);
        });

        await steps.RunAsync("DescribeKeyPairs", async () =>
        {
            var pairs = (await ec2.DescribeKeyPairsAsync(new DescribeKeyPairsRequest { KeyNames = [imported, made] })).KeyPairs;
            Assert.Equal([(imported, inputs.Key.Fingerprint), (made, madeFingerprint)], pairs.Select(k => (k.KeyName, k.KeyFingerprint)).Order());
            var byType = (await ec2.DescribeKeyPairsAsync(new DescribeKeyPairsRequest { Filters = [Filter("key-type", "rsa"), Filter("key-name", imported, made)] })).KeyPairs;
            Assert.Equal(2, byType.Count);
        }, "ImportKeyPair", "CreateKeyPair");

        await steps.RunAsync("CreateSecurityGroup", async () =>
        {
            groupId = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = groupName, Description = "web servers of " + inputs.Prefix })).GroupId;
            Assert.StartsWith("sg-", groupId, StringComparison.Ordinal);
        });

        await steps.RunAsync("AuthorizeSecurityGroupIngress", async () => await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest()
        {
            GroupId = groupId,
            IpPermissions =
            [
                new() { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new() { CidrIp = "192.0.2.0/24" }] },
                new() { IpProtocol = "tcp", FromPort = 80, ToPort = 80, Ipv4Ranges = [new() { CidrIp = "0.0.0.0/0" }] },
            ],
        }), "CreateSecurityGroup");

        await steps.RunAsync("DescribeSecurityGroups", async () =>
        {
            var group = Assert.Single((await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] })).SecurityGroups);
            Assert.Equal(groupName, group.GroupName);
            Assert.Equal(
                ["tcp 22-22 192.0.2.0/24", "tcp 80-80 0.0.0.0/0"],
                group.IpPermissions.Select(p => $"{p.IpProtocol} {p.FromPort}-{p.ToPort} {string.Join(',', p.Ipv4Ranges.Select(r => r.CidrIp))}").Order());
        }, "AuthorizeSecurityGroupIngress");

        await steps.RunAsync("RunInstances", async () =>
        {
            run = await ec2.RunInstancesAsync(new RunInstancesRequest()
            {
                ImageId = site.ImageId,
                InstanceType = InstanceType.M1Small,
                MinCount = 2,
                MaxCount = 2,
                KeyName = imported,
                SecurityGroupIds = [groupId],
                UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes(userData)),
                Placement = new() { AvailabilityZone = site.Zone },
            });
            ids = [.. run.Reservation.Instances.Select(i => i.InstanceId)];
            Assert.Equal(2, ids.Count);
        }, "ImportKeyPair", "CreateSecurityGroup");

        await steps.RunAsync("RunInstances instances", () =>
        {
            Assert.All(run!.Reservation.Instances, i => Assert.Equal(
                ("pending", site.ImageId, "m1.small", imported, site.Zone),
                (i.State.Name.Value, i.ImageId, i.InstanceType.Value, i.KeyName, i.Placement.AvailabilityZone)));
            return Task.CompletedTask;
        }, "RunInstances");

        await steps.RunAsync("RunInstances groups", () =>
        {
            Assert.Equal([(groupId, groupName)], (run!.Reservation.Groups ?? []).Select(g => (g.GroupId, g.GroupName)));
            return Task.CompletedTask;
        }, "RunInstances");

        await steps.RunAsync("wait running", () => ec2.WaitForStateAsync(ids, "running"), "RunInstances");

        await steps.RunAsync("DescribeInstances filters", async () =>
        {
            var found = await ec2.InstancesAsync(Filter("instance-state-name", "running"), Filter("key-name", imported), Filter("instance-type", "m1.small"), Filter("image-id", site.ImageId));
            Assert.Equal(ids.Order(), found.Select(i => i.InstanceId).Order());
        }, "wait running");

        await steps.RunAsync("CreateTags", () => ec2.CreateTagsAsync(new CreateTagsRequest { Resources = ids, Tags = [new("project", inputs.Prefix), new("Name", "sdk-node")] }), "RunInstances");

        await steps.RunAsync("DescribeTags", async () =>
        {
            var tags = (await ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [Filter("resource-id", ids[0]), Filter("resource-type", "instance")] })).Tags;
            Assert.Equal([("Name", "sdk-node"), ("project", inputs.Prefix)], tags.Select(t => (t.Key, t.Value)).Order());
            Assert.All(tags, t => Assert.Equal((ids[0], "instance"), (t.ResourceId, t.ResourceType.Value)));
        }, "CreateTags");

        await steps.RunAsync("DescribeInstances tag filters", async () =>
        {
            Assert.Equal(ids.Order(), (await ec2.InstancesAsync(Filter("tag:project", inputs.Prefix))).Select(i => i.InstanceId).Order());
            Assert.Equal(ids.Order(), (await ec2.InstancesAsync(Filter("tag-value", "sdk-node"))).Select(i => i.InstanceId).Order());
            var tagged = (await ec2.InstancesAsync(new DescribeInstancesRequest { InstanceIds = [ids[0]] })).Single();
            Assert.Equal([("Name", "sdk-node"), ("project", inputs.Prefix)], (tagged.Tags ?? []).Select(t => (t.Key, t.Value)).Order());
        }, "CreateTags");

        await steps.RunAsync("DeleteTags", async () =>
        {
            await ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [ids[1]], Tags = [new("Name")] });
            var left = (await ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [Filter("resource-id", ids[1])] })).Tags;
            Assert.Equal([("project", inputs.Prefix)], left.Select(t => (t.Key, t.Value)));
        }, "DescribeTags");

        await steps.RunAsync("DescribeInstanceAttribute", async () =>
        {
            var data = await ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = ids[0], Attribute = InstanceAttributeName.UserData });
            Assert.Equal(userData, Encoding.UTF8.GetString(Convert.FromBase64String(data.InstanceAttribute.UserData)));
            var type = await ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = ids[0], Attribute = InstanceAttributeName.InstanceType });
            Assert.Equal("m1.small", type.InstanceAttribute.InstanceType);
        }, "wait running");

        await steps.RunAsync("DescribeInstanceStatus", async () =>
        {
            var statuses = (await ec2.DescribeInstanceStatusAsync(new DescribeInstanceStatusRequest { InstanceIds = ids })).InstanceStatuses;
            Assert.Equal(ids.Order().Select(i => (i, "running", site.Zone)), statuses.Select(s => (s.InstanceId, s.InstanceState.Name.Value, s.AvailabilityZone)).Order());
        }, "wait running");

        await steps.RunAsync("StopInstances", async () =>
        {
            var change = Assert.Single((await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [ids[0]] })).StoppingInstances);
            Assert.Equal((ids[0], "running"), (change.InstanceId, change.PreviousState.Name.Value));
            Assert.Contains(change.CurrentState.Name.Value, new[] { "stopping", "stopped" });
            await ec2.WaitForStateAsync([ids[0]], "stopped");
        }, "wait running");

        await steps.RunAsync("ModifyInstanceAttribute", async () =>
        {
            await ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = ids[0], InstanceType = "m1.medium" });
            var type = await ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = ids[0], Attribute = InstanceAttributeName.InstanceType });
            Assert.Equal("m1.medium", type.InstanceAttribute.InstanceType);
        }, "StopInstances");

        await steps.RunAsync("StartInstances", async () =>
        {
            var change = Assert.Single((await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [ids[0]] })).StartingInstances);
            Assert.Equal((ids[0], "stopped"), (change.InstanceId, change.PreviousState.Name.Value));
            await ec2.WaitForStateAsync([ids[0]], "running");
        }, "StopInstances");

        await steps.RunAsync("GetConsoleOutput", async () =>
        {
            var answer = await ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = ids[1] });
            Assert.Equal(ids[1], answer.InstanceId);
            Assert.Contains(Ec2Site.BootLine(ids[1]), Encoding.UTF8.GetString(Convert.FromBase64String(answer.Output ?? "")), StringComparison.Ordinal);
            Assert.NotNull(answer.Timestamp);
        }, "wait running");

        await steps.RunAsync("AllocateAddress", async () =>
        {
            var answer = await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = DomainType.Standard });
            address = answer.PublicIp;
            Assert.True(System.Net.IPAddress.TryParse(address, out _), $"PublicIp '{address}'");
        });

        await steps.RunAsync("AssociateAddress", async () =>
        {
            await ec2.AssociateAddressAsync(new AssociateAddressRequest { InstanceId = ids[1], PublicIp = address });
            var found = Assert.Single((await ec2.DescribeAddressesAsync(new DescribeAddressesRequest { PublicIps = [address] })).Addresses);
            Assert.Equal(ids[1], found.InstanceId);
            Assert.Equal(address, (await ec2.InstancesAsync(new DescribeInstancesRequest { InstanceIds = [ids[1]] })).Single().PublicIpAddress);
        }, "AllocateAddress", "wait running");

        await steps.RunAsync("DisassociateAddress", async () =>
        {
            await ec2.DisassociateAddressAsync(new DisassociateAddressRequest { PublicIp = address });
            var found = Assert.Single((await ec2.DescribeAddressesAsync(new DescribeAddressesRequest { PublicIps = [address] })).Addresses);
            Assert.True(string.IsNullOrEmpty(found.InstanceId), $"still on {found.InstanceId}");
        }, "AssociateAddress");

        await steps.RunAsync("ReleaseAddress", async () =>
        {
            await ec2.ReleaseAddressAsync(new ReleaseAddressRequest { PublicIp = address });
            Assert.Equal("InvalidAddress.NotFound", await ErrorCodeAsync(() => ec2.DescribeAddressesAsync(new DescribeAddressesRequest { PublicIps = [address] })));
        }, "AllocateAddress");

        await steps.RunAsync("TerminateInstances", async () =>
        {
            var changes = (await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids })).TerminatingInstances;
            Assert.Equal(ids.Order(), changes.Select(c => c.InstanceId).Order());
            Assert.All(changes, c => Assert.Contains(c.CurrentState.Name.Value, new[] { "shutting-down", "terminated" }));
            await ec2.WaitForStateAsync(ids, "terminated");
        }, "RunInstances");

        await steps.RunAsync("DeleteSecurityGroup", async () =>
        {
            await ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId });
            Assert.Equal("InvalidGroup.NotFound", await ErrorCodeAsync(() => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] })));
        }, "CreateSecurityGroup", "TerminateInstances");

        await steps.RunAsync("DeleteKeyPair", async () =>
        {
            await ec2.DeleteKeyPairAsync(new DeleteKeyPairRequest { KeyName = imported });
            await ec2.DeleteKeyPairAsync(new DeleteKeyPairRequest { KeyName = made });
            Assert.Empty((await ec2.DescribeKeyPairsAsync(new DescribeKeyPairsRequest { Filters = [Filter("key-name", imported, made)] })).KeyPairs ?? []);
        }, "ImportKeyPair", "CreateKeyPair");

        var report = steps.Report();
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
