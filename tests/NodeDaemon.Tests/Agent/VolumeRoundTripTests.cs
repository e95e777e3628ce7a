using System.Xml.Linq;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Agent;

/// <summary>
/// Volumes through the node protocol on the libvirt test driver: the fake core asks for disks and
/// the node's reports say what the domain really holds. The test driver cannot hot-plug, so a
/// running domain's definition is changed instead.
/// </summary>
public sealed class VolumeRoundTripTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static Func<IReadOnlyList<DomainReport>, bool> Holds(string id, DomainState state, params string[] volumes) =>
        reports => reports.Any(r => r.InstanceId == id && r.State == state
            && r.AttachedVolumes is { } held && held.SequenceEqual(volumes));

    private static IReadOnlyList<string> Defined(RunningNode node, string id)
    {
        using var domain = node.Node.Connection.Lookup(DomainName.For(id)).Value;
        return DiskXml.ReadVolumes(domain.GetXml(DomainXmlOptions.Inactive).Value);
    }

    [Fact]
    public async Task Volumes_AttachedAtLaunchThenAddedSwappedAndDetached_ReportsFollowEachStep()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var boot = Desired.WriteImage(Path.Combine(node.DataDir, "boot.raw"));
        var shared = Desired.WriteImage(Path.Combine(node.DataDir, "shared.raw"), "ami-shared");
        var (v1, v2, v3) = (Desired.VolumeId(1), Desired.VolumeId(2), Desired.VolumeId(3));
        var sharedDisk = new DesiredDisk(v3, "/dev/sdh", "vde", new DiskSource(DiskSourceKind.Image, Image: shared), ReadOnly: true);
        var domain = Desired.Domain("i-00000000000000001", image: boot);

        core.SetDesired(domain with { Disks = [Desired.FileDisk(1, "vdc")] });
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running, v1), Patience);

        core.SetDesired(domain with { Disks = [Desired.FileDisk(1, "vdc"), Desired.FileDisk(2, "vdd"), sharedDisk] });
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running, v1, v2, v3), Patience);
        Assert.True(File.Exists(Path.Combine(node.DataDir, "images", shared.Sha1)), "the shared disk's image is in the cache");

        core.SetDesired(domain with { Disks = [Desired.FileDisk(2, "vdd")] });
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running, v2), Patience);
        Assert.Equal([v2], Defined(node, domain.InstanceId));

        core.SetDesired(domain with { Power = DesiredPower.ShutOff, Disks = [Desired.FileDisk(1, "vdc")] });
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.ShutOff, v1), Patience);

        core.SetDesired(domain with { Disks = [] });
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running), Patience);
        Assert.Empty(Defined(node, domain.InstanceId));

        core.SetDesired();
        await core.WaitForReportAsync(r => r.Count == 0, Patience);
    }

    [Fact]
    public async Task Volumes_ChangeKeepsTheRestOfTheDefinition()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var domain = Desired.Domain("i-00000000000000002", DesiredPower.ShutOff, rebootGeneration: 5,
            image: Desired.WriteImage(Path.Combine(node.DataDir, "boot.raw"))) with { Cpus = 2 };

        core.SetDesired(domain);
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.ShutOff), Patience);
        string before;
        using (var defined = node.Node.Connection.Lookup(DomainName.For(domain.InstanceId)).Value)
        {
            before = defined.GetXml(DomainXmlOptions.Inactive).Value;
        }

        core.SetDesired(domain with { Disks = [Desired.FileDisk(4, "vdf")] });
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.ShutOff, Desired.VolumeId(4)), Patience);

        using var after = node.Node.Connection.Lookup(DomainName.For(domain.InstanceId)).Value;
        var (old, now) = (XElement.Parse(before), XElement.Parse(after.GetXml(DomainXmlOptions.Inactive).Value));
        Assert.Equal(old.Element("uuid")!.Value, now.Element("uuid")!.Value);
        Assert.Equal(old.Element("metadata")!.ToString(), now.Element("metadata")!.ToString());
        Assert.Equal("2", now.Element("vcpu")!.Value);

        core.SetDesired();
        await core.WaitForReportAsync(r => r.Count == 0, Patience);
    }

    [Fact]
    public async Task Volumes_BadDiskAddedToARunningDomain_LeavesItRunningWithTheGoodOnes()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var bad = Desired.FileDisk(1, "vdc") with { Source = new DiskSource(DiskSourceKind.File, "relative.qcow2") };
        var domain = Desired.Domain("i-00000000000000004", image: Desired.WriteImage(Path.Combine(node.DataDir, "boot.raw")));

        core.SetDesired(domain);
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running), Patience);

        core.SetDesired(domain with { Disks = [bad, Desired.FileDisk(2, "vdd")] });
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running, Desired.VolumeId(2)), Patience);
        Assert.Equal([Desired.VolumeId(2)], Defined(node, domain.InstanceId));

        core.SetDesired();
        await core.WaitForReportAsync(r => r.Count == 0, Patience);
    }

    [Fact]
    public async Task Volumes_WantedButNeverAttached_TheUnchangedReportIsSentAnyway()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var domain = Desired.Domain("i-00000000000000005", image: Desired.WriteImage(Path.Combine(node.DataDir, "boot.raw")));
        core.SetDesired(domain);
        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running), Patience);
        var settled = await SettledReportsAsync(core);

        // A disk the node cannot attach changes nothing it reports, as a detach asked before the
        // attach was made does not; the core still has to hear that the disk is not held.
        var bad = Desired.FileDisk(1, "vdc") with { Source = new DiskSource(DiskSourceKind.File, "relative.qcow2") };
        core.SetDesired(domain with { Disks = [bad] });

        var deadline = DateTime.UtcNow + Patience;
        while (core.Reports == settled)
        {
            Assert.True(DateTime.UtcNow < deadline, "no report followed the change of the disks wanted");
            await Task.Delay(20);
        }

        await core.WaitForReportAsync(Holds(domain.InstanceId, DomainState.Running), Patience);
        core.SetDesired();
        await core.WaitForReportAsync(r => r.Count == 0, Patience);
    }

    // The number of reports once none has come for a second.
    private static async Task<int> SettledReportsAsync(FakeCore core)
    {
        var seen = core.Reports;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (core.Reports == seen)
            {
                return seen;
            }

            seen = core.Reports;
        }
    }

    [Fact]
    public async Task Volumes_BadDiskAtLaunch_FailsTheDomainWithTheReason()
    {
        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        var bad = Desired.FileDisk(1, "vdc") with { Source = new DiskSource(DiskSourceKind.File, "relative.qcow2") };
        var domain = Desired.Domain("i-00000000000000003", image: Desired.WriteImage(Path.Combine(node.DataDir, "boot.raw")))
            with { Disks = [bad] };

        core.SetDesired(domain);
        var reports = await core.WaitForReportAsync(r => r.Any(x => x.State == DomainState.Failed), Patience);

        Assert.Contains("not an absolute path", reports.Single().Reason, StringComparison.Ordinal);
        Assert.Equal([], reports.Single().AttachedVolumes);
    }
}
