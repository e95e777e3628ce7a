using Microsoft.Extensions.DependencyInjection;
using StandardsCloud.CloudKit;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Server.Tests.Volumes;

/// <summary>The server as composed: qcow2 files in the data directory, and a start that finishes volumes a crash left half made.</summary>
public sealed class VolumeRecoveryTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task Start_FinishesAVolumeLeftCreating_AsAQcow2FileInTheDataDirectory()
    {
        var volume = new Volume { Id = ResourceIds.NewVolumeId(), Owner = "alice", SizeGiB = 1, State = VolumeState.Creating };
        await using (var session = cloud.Services.GetRequiredService<IComputeStore>().OpenSession())
        {
            session.Insert(volume);
            Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
        }

        await cloud.RestartAsync();

        var volumes = cloud.Services.GetRequiredService<VolumeService>();
        var recovered = (await volumes.GetAsync(Actor.Core("test"), volume.Id, default)).Value!;
        var file = Path.Combine(cloud.DataDirectory, "volumes", volume.Id + ".qcow2");
        Assert.Equal(VolumeState.Available, recovered.State);
        Assert.Equal(new DiskSource(DiskSourceKind.File, file), recovered.Source);
        Assert.True(File.Exists(file));
    }
}
