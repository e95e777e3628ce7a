using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Elastic addresses from the site's pool (198.51.100.0/29 in tests) through awscli.</summary>
public sealed class AwsCliAddressTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    private AwsCli Admin => AwsCli.AdminOf(cloud);

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "eip-host", cpus: 16, memoryMiB: 65536);
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("eip-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Addresses_AllocateAssociateMoveDisassociateRelease_InstanceShowsIt()
    {
        var run = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1");
        var instance = run.GetProperty("Instances")[0];
        var id = instance.GetProperty("InstanceId").GetString()!;
        var privateIp = instance.GetProperty("PrivateIpAddress").GetString()!;

        var first = await Admin.OkAsync("allocate-address");
        var second = await Admin.OkAsync("allocate-address", "--domain", "vpc");
        var firstIp = first.GetProperty("PublicIp").GetString()!;
        var secondIp = second.GetProperty("PublicIp").GetString()!;
        Assert.True(CloudFixture.PublicAddresses.Contains(firstIp), firstIp);
        Assert.NotEqual(firstIp, secondIp);
        Assert.StartsWith("eipalloc-", second.GetProperty("AllocationId").GetString(), StringComparison.Ordinal);

        var associated = await Admin.OkAsync("associate-address", "--instance-id", id, "--public-ip", firstIp);
        Assert.StartsWith("eipassoc-", associated.GetProperty("AssociationId").GetString(), StringComparison.Ordinal);
        var shown = await Admin.OkAsync("describe-instances", "--filters", "Name=ip-address,Values=" + firstIp);
        Assert.Equal(firstIp, shown.GetProperty("Reservations")[0].GetProperty("Instances")[0].GetProperty("PublicIpAddress").GetString());

        var described = await Admin.OkAsync("describe-addresses", "--public-ips", firstIp);
        var address = described.GetProperty("Addresses")[0];
        Assert.Equal(id, address.GetProperty("InstanceId").GetString());
        Assert.Equal(privateIp, address.GetProperty("PrivateIpAddress").GetString());

        // An instance has one public address: associating another moves the first off it.
        await Admin.OkAsync("associate-address", "--instance-id", id, "--allocation-id", second.GetProperty("AllocationId").GetString()!);
        var byInstance = await Admin.OkAsync("describe-addresses", "--filters", "Name=instance-id,Values=" + id);
        Assert.Equal([secondIp], byInstance.GetProperty("Addresses").EnumerateArray().Select(a => a.GetProperty("PublicIp").GetString()));

        await Admin.OkAsync("disassociate-address", "--public-ip", secondIp);
        var plain = await Admin.OkAsync("describe-instances", "--instance-ids", id);
        Assert.False(plain.GetProperty("Reservations")[0].GetProperty("Instances")[0].TryGetProperty("PublicIpAddress", out _));

        await Admin.OkAsync("release-address", "--public-ip", firstIp);
        await Admin.OkAsync("release-address", "--allocation-id", second.GetProperty("AllocationId").GetString()!);
        await Admin.FailsAsync("InvalidAddress.NotFound", "release-address", "--public-ip", firstIp);
        await Admin.FailsAsync("InvalidAddress.NotFound", "describe-addresses", "--public-ips", firstIp);
    }

    // EC2 API reference: an id of the wrong shape is .Malformed whichever call names it, dry run or not.
    [Fact]
    public async Task AssociateAndRelease_MalformedAllocationIdOrAddress_RefusedByShape()
    {
        var run = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1");
        var id = run.GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        var held = await Admin.OkAsync("allocate-address");
        var allocation = held.GetProperty("AllocationId").GetString()!;

        await Admin.FailsAsync("InvalidAllocationID.Malformed", "release-address", "--allocation-id", "eipalloc-zz");
        await Admin.FailsAsync("InvalidAllocationID.Malformed", "release-address", "--allocation-id", "eipalloc-zz", "--dry-run");
        await Admin.FailsAsync("InvalidAllocationID.Malformed", "associate-address", "--instance-id", id, "--allocation-id", "sg-12345678");
        await Admin.FailsAsync("InvalidParameterValue", "release-address", "--public-ip", "not-an-address");
        await Admin.FailsAsync("InvalidAllocationID.NotFound", "release-address", "--allocation-id", "eipalloc-0123456789abcdef0");

        // Nothing was released or moved by the refusals.
        var still = await Admin.OkAsync("describe-addresses", "--allocation-ids", allocation);
        Assert.False(still.GetProperty("Addresses")[0].TryGetProperty("InstanceId", out var holder) && holder.GetString() is { Length: > 0 });
        await Admin.OkAsync("release-address", "--allocation-id", allocation);
        await Admin.OkAsync("terminate-instances", "--instance-ids", id);
    }

    [Fact]
    public async Task AllocateAddress_BeyondFivePerUser_AddressLimitExceeded()
    {
        var user = await AwsCli.NewUserAsync(cloud, "eip-greedy");
        var held = new List<string>();
        for (var n = 0; n < cloud.Options.AddressesPerOwner; n++)
        {
            held.Add((await user.OkAsync("allocate-address")).GetProperty("PublicIp").GetString()!);
        }

        await user.FailsAsync("AddressLimitExceeded", "allocate-address");
        Assert.Equal(held.Count, held.Distinct().Count());

        var other = await AwsCli.NewUserAsync(cloud, "eip-other");
        await other.FailsAsync("InvalidAddress.NotFound", "release-address", "--public-ip", held[0]);
        var seen = await other.OkAsync("describe-addresses");
        Assert.Equal(0, seen.GetProperty("Addresses").GetArrayLength());
        foreach (var ip in held)
        {
            await user.OkAsync("release-address", "--public-ip", ip);
        }
    }

    // EC2 API reference, error codes: a pool with no address free is InsufficientAddressCapacity, not the caller's limit.
    [Fact]
    public async Task AllocateAddress_PoolExhausted_InsufficientAddressCapacity()
    {
        var held = new List<(AwsCli User, string Ip)>();
        try
        {
            for (var u = 0; ; u++)
            {
                var user = await AwsCli.NewUserAsync(cloud, $"eip-pool-{u}");
                var answer = await user.Ec2Async("allocate-address");
                if (answer.ExitCode != 0)
                {
                    Assert.Contains("(InsufficientAddressCapacity)", answer.Error, StringComparison.Ordinal);
                    break;
                }

                held.Add((user, answer.Json.GetProperty("PublicIp").GetString()!));
                Assert.True(u < 64, "the pool never ran out");
            }

            Assert.NotEmpty(held);
        }
        finally
        {
            foreach (var (user, ip) in held)
            {
                await user.OkAsync("release-address", "--public-ip", ip);
            }
        }
    }
}
