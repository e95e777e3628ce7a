using System.Text;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Marten.Tests.Volumes;

/// <summary>What hosts are told (context and disks, and the hash over them) and what their reports do to attachments.</summary>
public sealed class DesiredStateTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task Context_CarriesNameKeysGroupsAddressesZoneNetworkUserDataAndPairs()
    {
        var alice = CoreFixture.NewUser("alice");
        var keyPair = (await core.KeyPairs.CreateAsync(alice, "laptop", KeyPairs.KeyTypes.Rsa, null, default)).Value!.KeyPair;
        var launchKey = (await core.KeyPairs.CreateAsync(alice, "other", KeyPairs.KeyTypes.Rsa, null, default)).Value!.KeyPair.PublicKey;
        var userData = Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/sh\necho hi\n"));
        var instance = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", KeyName: "laptop", UserData: userData, PublicKey: launchKey,
            ContextPairs: new Dictionary<string, string> { ["ROLE"] = "worker", ["A_FIRST"] = "1" }));
        var host = await core.PlaceRunningAsync(instance);
        var address = (await core.Addresses.AllocateAsync(alice, "standard", default)).Value!;
        Assert.True((await core.Addresses.AssociateAsync(alice, address.Id, instance.Id, default)).IsOk);

        var context = Assert.Single((await core.SyncAsync(host)).Domains).Context!;

        Assert.Equal("ip-" + instance.PrivateAddress!.Replace('.', '-'), context.Hostname);
        Assert.Equal((core.ImageId, "t1.micro", instance.ReservationId, 0), (context.ImageId, context.InstanceType, context.ReservationId, context.LaunchIndex));
        Assert.Equal(("test-zone-a", instance.PrivateAddress, 16, "10.10.0.1"), (context.AvailabilityZone, context.PrivateAddress, context.PrivatePrefixLength, context.Gateway));
        Assert.Equal(address.PublicIp, context.PublicAddress);
        Assert.Equal("laptop", context.KeyName);
        Assert.Equal([keyPair.PublicKey, launchKey], context.PublicKeys);
        Assert.Equal(userData, context.UserData);
        Assert.Equal(["default"], context.SecurityGroups);
        Assert.Equal(["A_FIRST", "ROLE"], context.Pairs.Keys);
        Assert.Equal("worker", context.Pairs["ROLE"]);
    }

    [Fact]
    public async Task Context_OwnersHostName_TakenAsAGuestNameAndChangesTheHash()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", Hostname: "Web Server.example.org"));
        var host = await core.PlaceRunningAsync(instance);
        var before = await core.SyncAsync(host);
        Assert.Equal("web-server.example.org", before.Domains[0].Context!.Hostname);

        Assert.True((await core.Instances.RenameAsync(alice, instance.Id, "db", default)).IsOk);
        var after = await core.SyncAsync(host);
        Assert.Equal("db", after.Domains[0].Context!.Hostname);
        Assert.NotEqual(before.DesiredHash, after.DesiredHash);
    }

    [Fact]
    public async Task ImageWithKernelAndInitrd_HostIsToldToBootThemDirectly()
    {
        var kernel = new BootFile("/images/vmlinuz", new string('B', 40), 1234);
        var registered = await core.Images.RegisterAsync(CoreFixture.Admin, new ImageRegistration("direct-" + Guid.NewGuid().ToString("N")[..8],
            "file:///images/disk.img", new string('c', 40), Boot: new ImageBoot(kernel, new BootFile("http://images.example/initrd.gz", new string('d', 40)), "")), default);
        Assert.True(registered.IsOk, registered.Reason);
        var instance = await core.LaunchAsync(CoreFixture.NewUser("bob"), new LaunchRequest(registered.Value!.Id, "t1.micro"));
        var host = await core.PlaceRunningAsync(instance);

        var image = Assert.Single((await core.SyncAsync(host)).Domains).Image;

        Assert.Equal(new string('c', 40), image.Sha1);
        var boot = image.Boot!;
        Assert.Equal(("file:///images/vmlinuz", new string('b', 40), 1234L), (boot.Kernel.Url, boot.Kernel.Sha1, boot.Kernel.Bytes!.Value));
        Assert.Equal(("http://images.example/initrd.gz", new string('d', 40)), (boot.Initrd!.Url, boot.Initrd.Sha1));
        Assert.Equal(ImageBoot.DefaultCommandLine, boot.CommandLine);
    }

    [Theory]
    [InlineData("ftp://x/k", "", "boot.kernel.url")]
    [InlineData("/k", "console=ttyS0\nroot=/dev/vda", "boot.commandLine")]
    public async Task ImageWithBadBoot_RefusedNamingTheField(string kernelUrl, string commandLine, string field)
    {
        var registered = await core.Images.RegisterAsync(CoreFixture.Admin, new ImageRegistration("bad-" + Guid.NewGuid().ToString("N")[..8],
            "file:///images/disk.img", new string('c', 40), Boot: new ImageBoot(new BootFile(kernelUrl, new string('e', 40)), null, commandLine)), default);

        Assert.Equal(ComputeStatus.InvalidParameter, registered.Status);
        Assert.StartsWith(field, registered.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForcedDetach_OfADiskTheGuestKeeps_ReleasedAtOnce_AndNoLongerDesired()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice);
        var host = await core.PlaceRunningAsync(instance);
        var volume = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, "/srv/data", default);
        await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running, AttachedVolumes: [volume.Id]));
        await core.Volumes.DetachAsync(alice, volume.Id, null, forced: false, default);

        // The guest ignores the unplug: the host still reports the disk, and the plain detach waits.
        await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running, AttachedVolumes: [volume.Id]));
        var forced = (await core.Volumes.DetachAsync(alice, volume.Id, instance.Id, forced: true, default)).Value!;

        Assert.Equal(VolumeState.Available, forced.State);
        Assert.Empty(forced.Attachments);
        var still = await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running, AttachedVolumes: [volume.Id]));
        Assert.Empty(still.Domains[0].Disks!);
        Assert.Equal(VolumeState.Available, (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.State);
        var events = (await core.Volumes.HistoryAsync(alice, volume.Id, default)).Value!.Select(h => h.Description).ToList();
        Assert.Contains($"forced detach from {instance.Id}", events);
    }

    [Fact]
    public async Task AttachAndDetach_OnARunningInstance_FollowTheHostsReports()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice);
        var host = await core.PlaceRunningAsync(instance);
        var volume = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        var bare = await core.SyncAsync(host);
        Assert.Empty(bare.Domains[0].Disks!);

        var attaching = (await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, "/dev/sdf", null, default)).Value!;
        Assert.Equal(AttachmentState.Attaching, attaching.Attachments[0].State);
        var asked = await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running, AttachedVolumes: []));
        Assert.Equal(new DesiredDisk(volume.Id, "/dev/sdf", "vdc", volume.Source!, false), Assert.Single(asked.Domains[0].Disks!));
        Assert.NotEqual(bare.DesiredHash, asked.DesiredHash);
        Assert.Equal(AttachmentState.Attaching, (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments[0].State);

        var confirmed = await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running, AttachedVolumes: [volume.Id]));
        Assert.Equal(asked.DesiredHash, confirmed.DesiredHash);
        Assert.Equal(AttachmentState.Attached, (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments[0].State);

        var detaching = (await core.Volumes.DetachAsync(alice, volume.Id, null, forced: false, default)).Value!;
        Assert.Equal((VolumeState.InUse, AttachmentState.Detaching), (detaching.State, detaching.Attachments[0].State));
        var stillThere = await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running, AttachedVolumes: [volume.Id]));
        Assert.Empty(stillThere.Domains[0].Disks!);
        Assert.Equal(bare.DesiredHash, stillThere.DesiredHash);
        Assert.Equal(AttachmentState.Detaching, (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments[0].State);

        await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running, AttachedVolumes: []));
        var detached = (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!;
        Assert.Equal(VolumeState.Available, detached.State);
        Assert.Empty(detached.Attachments);
        var events = (await core.Volumes.HistoryAsync(alice, volume.Id, default)).Value!.Select(h => h.Description).ToList();
        Assert.Contains($"attached to {instance.Id}", events);
        Assert.Contains(events, e => e.StartsWith($"detached from {instance.Id}: its host", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_WithoutDisks_LeavesAttachmentsAsTheyAre()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice);
        var host = await core.PlaceRunningAsync(instance);
        var volume = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default);

        await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Running));
        Assert.Equal(AttachmentState.Attaching, (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments[0].State);
    }

    [Fact]
    public async Task Launch_WithDisksAndVolumes_AttachesAllAtLaunch_AndTerminationDeletesOnlyTheMarkedOnes()
    {
        var alice = CoreFixture.NewUser("alice");
        var kept = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        var instance = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro",
            Disks: [new LaunchDisk("/dev/sdf", 2, null), new LaunchDisk("/dev/sdg", 1, null, DeleteOnTermination: false)],
            Volumes: [new LaunchVolume(kept.Id)]));
        var attached = await core.Volumes.ListAsync(alice, new VolumeQuery { InstanceId = instance.Id }, default);
        Assert.Equal(3, attached.Count);
        Assert.All(attached, v => Assert.Equal(VolumeState.InUse, v.State));
        Assert.Equal(["/dev/sdf:vdc", "/dev/sdg:vdd", "/dev/vde:vde"],
            attached.Select(v => v.Attachments[0]).Select(a => a.Device + ":" + a.Target).Order(StringComparer.Ordinal));
        var deleteMe = attached.Single(v => v.Attachments[0].Device == "/dev/sdf");
        var keepMe = attached.Single(v => v.Attachments[0].Device == "/dev/sdg");

        var host = await core.PlaceRunningAsync(instance);
        Assert.Equal(3, (await core.SyncAsync(host)).Domains[0].Disks!.Count);
        Assert.True((await core.Instances.TerminateAsync(alice, instance.Id, default)).IsOk);
        await core.SyncAsync(host, new DomainReport(instance.Id, DomainState.Missing));

        Assert.Equal(InstanceState.Done, (await core.Instances.GetAsync(alice, instance.Id, default)).Value!.State);
        Assert.Equal(VolumeState.Deleted, (await core.Volumes.ListAsync(alice, new VolumeQuery { Ids = [deleteMe.Id], States = [VolumeState.Deleted] }, default)).Single().State);
        Assert.False(core.Backend.Volumes.ContainsKey(deleteMe.Id));
        Assert.Equal(VolumeState.Available, (await core.Volumes.GetAsync(alice, keepMe.Id, default)).Value!.State);
        Assert.Equal(VolumeState.Available, (await core.Volumes.GetAsync(alice, kept.Id, default)).Value!.State);
    }

    [Fact]
    public async Task Terminate_APendingInstance_DeletesItsLaunchDisks()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", Disks: [new LaunchDisk("/dev/sdf", 1, null)]));
        var disk = Assert.Single(await core.Volumes.ListAsync(alice, new VolumeQuery { InstanceId = instance.Id }, default));

        Assert.True((await core.Instances.TerminateAsync(alice, instance.Id, default)).IsOk);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.GetAsync(alice, disk.Id, default)).Status);
        Assert.False(core.Backend.Volumes.ContainsKey(disk.Id));
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("in use")]
    [InlineData("bad device")]
    [InlineData("no snapshot")]
    [InlineData("over quota")]
    public async Task Launch_AnyPartRefused_NothingIsCreated(string what)
    {
        var alice = CoreFixture.NewUser("alice");
        var busy = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        await core.Volumes.AttachAsync(alice, busy.Id, (await core.LaunchAsync(alice)).Id, null, null, default);
        var before = (await core.Volumes.ListAsync(alice, new VolumeQuery(), default)).Count;
        var request = new LaunchRequest(core.ImageId, "t1.micro", Disks: [new LaunchDisk("/dev/sdf", 1, null)]);
        request = what switch
        {
            "bad key" => request with { ContextPairs = new Dictionary<string, string> { ["lower"] = "x" } },
            "in use" => request with { Volumes = [new LaunchVolume(busy.Id)] },
            "bad device" => request with { Disks = [new LaunchDisk("/dev/hda", 1, null)] },
            "no snapshot" => request with { Disks = [new LaunchDisk("/dev/sdf", null, "snap-0123456789abcdef0")] },
            _ => request with { Disks = [new LaunchDisk("/dev/sdf", 500, null)] },
        };

        var refused = await core.Instances.LaunchAsync(alice, request, default);

        Assert.False(refused.IsOk);
        Assert.Equal(what switch
        {
            "bad key" or "bad device" => ComputeStatus.InvalidParameter,
            "in use" => ComputeStatus.IncorrectState,
            "no snapshot" => ComputeStatus.NotFound,
            _ => ComputeStatus.QuotaExceeded,
        }, refused.Status);
        Assert.Equal(what == "over quota" ? QuotaKind.VolumeGiB : null, refused.Quota);
        Assert.Single(await core.Instances.ListAsync(alice, new Ports.InstanceQuery(), default));
        Assert.Equal(before, (await core.Volumes.ListAsync(alice, new VolumeQuery(), default)).Count);
    }
}
