using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.Ec2.Conformance.Sessions;
using StandardsCloud.TestKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

public sealed partial class AwsCliSessionTests
{
    // Each awscli call starts a Python process (one to three seconds on a busy machine), so this
    // session keeps to what awscli adds over boto3's: its own encodings (fileb:// key material,
    // --user-data, decoded console output) and argument syntax; the other awscli tests cover key
    // pairs, groups and paging in depth. Waiting uses the JSON API: awscli's waiters poll every 15 s.
    [Fact]
    public async Task WholeSession_AwsCli_EveryStepAsEc2Documents()
    {
        var inputs = SessionInputs.For("awscli");
        using var dir = new TemporaryDirectory("awscli");
        using var api = site.Cloud.AdminClient();
        var cli = Admin;
        var steps = new SessionSteps(await AwsCli.VersionAsync());
        var keyName = inputs.Prefix + "-imported";
        var groupName = inputs.Prefix + "-web";
        var userData = $"#cloud-config\nhostname: {inputs.Prefix}\n";
        var groupId = "";
        List<string> ids = [];

        await steps.RunAsync("ImportKeyPair", async () =>
        {
            var path = Path.Combine(dir.Path, "id_rsa.pub");
            await File.WriteAllTextAsync(path, inputs.Key.PublicKey + "\n");
            var answer = await cli.OkAsync("import-key-pair", "--key-name", keyName, "--public-key-material", "fileb://" + path);
            Assert.Equal(inputs.Key.Fingerprint, answer.GetProperty("KeyFingerprint").GetString());
        });

        await steps.RunAsync("CreateSecurityGroup", async () =>
        {
            groupId = (await cli.OkAsync("create-security-group", "--group-name", groupName, "--description", "web servers")).GetProperty("GroupId").GetString()!;
            Assert.StartsWith("sg-", groupId, StringComparison.Ordinal);
        });

        await steps.RunAsync("AuthorizeSecurityGroupIngress", async () =>
        {
            await cli.OkAsync("authorize-security-group-ingress", "--group-id", groupId, "--ip-permissions",
                "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=192.0.2.0/24}]", "IpProtocol=tcp,FromPort=80,ToPort=80,IpRanges=[{CidrIp=0.0.0.0/0}]");
            var group = (await cli.OkAsync("describe-security-groups", "--group-ids", groupId)).GetProperty("SecurityGroups")[0];
            Assert.Equal(["tcp 22 192.0.2.0/24", "tcp 80 0.0.0.0/0"], group.GetProperty("IpPermissions").EnumerateArray()
                .Select(p => $"{p.GetProperty("IpProtocol").GetString()} {p.GetProperty("FromPort").GetInt32()} {p.GetProperty("IpRanges")[0].GetProperty("CidrIp").GetString()}").Order());
        }, "CreateSecurityGroup");

        JsonElement run = default;
        await steps.RunAsync("RunInstances", async () =>
        {
            run = await cli.OkAsync("run-instances", "--image-id", site.ImageId, "--instance-type", "m1.small", "--count", "2", "--key-name", keyName,
                "--security-group-ids", groupId, "--user-data", userData, "--placement", "AvailabilityZone=" + site.Zone);
            ids = [.. run.GetProperty("Instances").EnumerateArray().Select(i => i.GetProperty("InstanceId").GetString()!)];
            Assert.Equal(2, ids.Count);
            Assert.All(run.GetProperty("Instances").EnumerateArray(), i => Assert.Equal(("pending", keyName),
                (i.GetProperty("State").GetProperty("Name").GetString(), i.GetProperty("KeyName").GetString())));
        }, "ImportKeyPair", "CreateSecurityGroup");

        await steps.RunAsync("RunInstances groups", () =>
        {
            var groups = run.TryGetProperty("Groups", out var g) ? g.EnumerateArray().Select(x => x.GetProperty("GroupId").GetString()).ToList() : [];
            Assert.Equal([groupId], groups);
            return Task.CompletedTask;
        }, "RunInstances");

        await steps.RunAsync("wait running", () => api.WaitForAllAsync(ids, "Running"), "RunInstances");

        await steps.RunAsync("DescribeInstances filters", async () =>
        {
            var answer = await cli.OkAsync("describe-instances", "--filters", "Name=instance-state-name,Values=running", "Name=key-name,Values=" + keyName);
            Assert.Equal(ids.Order(), InstanceIds(answer).Order());
        }, "wait running");

        await steps.RunAsync("CreateTags", () => cli.OkAsync("create-tags", "--resources", ids[0], ids[1], "--tags", "Key=project,Value=" + inputs.Prefix, "Key=Name,Value=cli-node"), "RunInstances");

        await steps.RunAsync("DescribeTags", async () =>
        {
            var tags = (await cli.OkAsync("describe-tags", "--filters", "Name=resource-id,Values=" + ids[0])).GetProperty("Tags");
            Assert.Equal([$"{ids[0]} instance Name=cli-node", $"{ids[0]} instance project={inputs.Prefix}"], tags.EnumerateArray()
                .Select(t => $"{t.GetProperty("ResourceId").GetString()} {t.GetProperty("ResourceType").GetString()} {t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}").Order());
        }, "CreateTags");

        await steps.RunAsync("DescribeInstances tag filter", async () =>
            Assert.Equal(ids.Order(), InstanceIds(await cli.OkAsync("describe-instances", "--filters", "Name=tag:project,Values=" + inputs.Prefix)).Order()), "CreateTags");

        await steps.RunAsync("StopInstances", async () =>
        {
            var change = (await cli.OkAsync("stop-instances", "--instance-ids", ids[0])).GetProperty("StoppingInstances")[0];
            Assert.Equal("running", change.GetProperty("PreviousState").GetProperty("Name").GetString());
            await api.WaitForStateAsync(ids[0], "Stopped");
        }, "wait running");

        await steps.RunAsync("StartInstances", async () =>
        {
            var change = (await cli.OkAsync("start-instances", "--instance-ids", ids[0])).GetProperty("StartingInstances")[0];
            Assert.Equal("stopped", change.GetProperty("PreviousState").GetProperty("Name").GetString());
            await api.WaitForStateAsync(ids[0], "Running");
        }, "StopInstances");

        await steps.RunAsync("GetConsoleOutput", async () =>
        {
            // awscli decodes the base64 Output.
            var answer = await cli.OkAsync("get-console-output", "--instance-id", ids[1]);
            Assert.Contains(Ec2Site.BootLine(ids[1]), answer.GetProperty("Output").GetString(), StringComparison.Ordinal);
        }, "wait running");

        await steps.RunAsync("TerminateInstances", async () =>
        {
            var changes = (await cli.OkAsync("terminate-instances", "--instance-ids", ids[0], ids[1])).GetProperty("TerminatingInstances");
            Assert.Equal(ids.Order(), changes.EnumerateArray().Select(c => c.GetProperty("InstanceId").GetString()!).Order());
            await api.WaitForAllAsync(ids, "Done");
        }, "RunInstances");

        await steps.RunAsync("DeleteSecurityGroup", () => cli.OkAsync("delete-security-group", "--group-id", groupId), "CreateSecurityGroup", "TerminateInstances");

        await steps.RunAsync("DeleteKeyPair", () => cli.OkAsync("delete-key-pair", "--key-name", keyName), "ImportKeyPair");

        var report = steps.Report();
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }

    private static IEnumerable<string> InstanceIds(JsonElement describe) => describe.GetProperty("Reservations").EnumerateArray()
        .SelectMany(r => r.GetProperty("Instances").EnumerateArray()).Select(i => i.GetProperty("InstanceId").GetString()!);
}
