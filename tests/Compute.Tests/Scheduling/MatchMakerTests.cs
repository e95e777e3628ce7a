using StandardsCloud.Compute.Scheduling;

namespace StandardsCloud.Compute.Tests.Scheduling;

public sealed class MatchMakerTests
{
    private static List<HostSlot> Hosts()
    {
        var a = new HostSlot("host-a", "a", 4, 8192);
        var b = new HostSlot("host-b", "b", 4, 8192);
        a.Take(new Demand(1, 1024));
        return [a, b];
    }

    [Fact]
    public void Choose_Striping_FewestInstances() =>
        Assert.Equal("host-b", MatchMaker.Choose(Hosts(), new Demand(1, 512), PlacementPolicy.Striping)!.HostId);

    [Fact]
    public void Choose_Packing_MostInstances() =>
        Assert.Equal("host-a", MatchMaker.Choose(Hosts(), new Demand(1, 512), PlacementPolicy.Packing)!.HostId);

    [Fact]
    public void Choose_LoadAware_MostFreeCpu() =>
        Assert.Equal("host-b", MatchMaker.Choose(Hosts(), new Demand(1, 512), PlacementPolicy.LoadAware)!.HostId);

    [Fact]
    public void Choose_TooBigForAll_Null() =>
        Assert.Null(MatchMaker.Choose(Hosts(), new Demand(5, 512), PlacementPolicy.Striping));

    [Fact]
    public void Choose_MemoryTooBigForFuller_PicksOther()
    {
        var hosts = Hosts();
        Assert.Equal("host-b", MatchMaker.Choose(hosts, new Demand(1, 7500), PlacementPolicy.Packing)!.HostId);
    }

    [Fact]
    public void Choose_RequiredHostByName_OnlyThatHost() =>
        Assert.Equal("host-a", MatchMaker.Choose(Hosts(), new Demand(1, 512, "a"), PlacementPolicy.Striping)!.HostId);

    [Fact]
    public void Take_UntilFull_NeverOverCommits()
    {
        var host = new HostSlot("h", "h", 2, 4096);
        var placed = 0;
        while (MatchMaker.Choose([host], new Demand(1, 1536), PlacementPolicy.Striping) is { } slot)
        {
            slot.Take(new Demand(1, 1536));
            placed++;
        }

        Assert.Equal(2, placed);
        Assert.True(host.FreeCpus >= 0 && host.FreeMemoryMiB >= 0);
    }
}
