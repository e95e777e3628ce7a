using System.Text;
using System.Text.Json;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Mapping;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Tests.Mapping;

public class ComputeViewTests
{
    private static readonly OcciOptions Options = new();
    private static readonly CategoryCatalog Catalog = new(Options, [new Image { Id = "ami-0123456789abcdef0", Name = "tiny", IsPublic = true }],
        [new InstanceType("t1.micro", 1, 512)], []);

    private static readonly InstanceOutline Running = new()
    {
        Id = "i-0123456789abcdef0", ImageId = "ami-0123456789abcdef0", InstanceType = "t1.micro", Cpus = 1, MemoryMiB = 512,
        Hostname = "web", PublicKey = "ssh-ed25519 AAAA alice", PrivateAddress = "10.0.0.7", State = InstanceState.Running,
        HostId = "host-a", Tags = new Dictionary<string, string> { [EntityViews.TitleTag] = "web", [EntityViews.SummaryTag] = "the front" },
    };

    private static string Json(ResourceView view)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            JsonRenderer.Resource(json, view);
        }

        return Encoding.UTF8.GetString(body.ToArray());
    }

    // GFD.224 §3.1, GFD.225 §3.5.1: one compute with both network interfaces and a storage link, as JSON.
    [Fact]
    public void Compute_RunningWithBothNetworksAndADisk_RendersEveryAttributeLinkAndAction()
    {
        var volume = new Volume
        {
            Id = "vol-0123456789abcdef0", SizeGiB = 1, State = VolumeState.InUse,
            Attachments = [new VolumeAttachment { InstanceId = Running.Id, Device = "/dev/vdc", Target = "vdc", State = AttachmentState.Attached }],
        };

        var view = new EntityViews(Options).Compute(Running, Catalog, new PublicAddress { PublicIp = "192.0.2.9", InstanceId = Running.Id }, 2400,
            [(volume, volume.Attachments[0])]);

        Assert.Equal(Expected, Json(view));
    }

    [Theory]
    [InlineData(InstanceState.Stopped, "\"actions\":[\"http://schemas.ogf.org/occi/infrastructure/compute/action#start\"]")]
    [InlineData(InstanceState.Pending, "\"actions\":[]")]
    public void Compute_ActionsFollowTheState(InstanceState state, string actions) =>
        Assert.Contains(actions, Json(new EntityViews(Options).Compute(Running with { State = state }, Catalog, null, 0, [])), StringComparison.Ordinal);

    // What the rendering gave before collections were read as outlines: a listing must not change what it says.
    private const string Expected = """
        {"kind":"http://schemas.ogf.org/occi/infrastructure#compute","mixins":["http://schemas.standardscloud.org/occi/os_tpl#ami-0123456789abcdef0","http://schemas.standardscloud.org/occi/resource_tpl#t1_micro","http://schemas.ogf.org/occi/infrastructure/credentials#ssh_key"],"attributes":{"occi.compute.architecture":"x64","occi.compute.cores":1,"occi.compute.memory":0.5,"occi.compute.speed":2.4,"occi.compute.hostname":"web","occi.compute.state":"active","occi.compute.state.message":"running","occi.credentials.ssh.publickey":"ssh-ed25519 AAAA alice"},"actions":["http://schemas.ogf.org/occi/infrastructure/compute/action#stop","http://schemas.ogf.org/occi/infrastructure/compute/action#restart","http://schemas.ogf.org/occi/infrastructure/compute/action#suspend"],"id":"i-0123456789abcdef0","title":"web","summary":"the front","links":[{"kind":"http://schemas.ogf.org/occi/infrastructure#networkinterface","mixins":["http://schemas.ogf.org/occi/infrastructure/networkinterface#ipnetworkinterface"],"attributes":{"occi.networkinterface.interface":"eth0","occi.networkinterface.mac":"02:00:0a:00:00:07","occi.networkinterface.state":"active","occi.networkinterface.address":"10.0.0.7","occi.networkinterface.allocation":"dynamic"},"actions":[],"id":"i-0123456789abcdef0_private","source":{"location":"/compute/i-0123456789abcdef0","kind":"http://schemas.ogf.org/occi/infrastructure#compute"},"target":{"location":"/network/private","kind":"http://schemas.ogf.org/occi/infrastructure#network"}},{"kind":"http://schemas.ogf.org/occi/infrastructure#networkinterface","mixins":["http://schemas.ogf.org/occi/infrastructure/networkinterface#ipnetworkinterface"],"attributes":{"occi.networkinterface.interface":"eth0","occi.networkinterface.mac":"02:00:0a:00:00:07","occi.networkinterface.state":"active","occi.networkinterface.address":"192.0.2.9","occi.networkinterface.allocation":"static"},"actions":[],"id":"i-0123456789abcdef0_public","source":{"location":"/compute/i-0123456789abcdef0","kind":"http://schemas.ogf.org/occi/infrastructure#compute"},"target":{"location":"/network/public","kind":"http://schemas.ogf.org/occi/infrastructure#network"}},{"kind":"http://schemas.ogf.org/occi/infrastructure#storagelink","mixins":[],"attributes":{"occi.storagelink.deviceid":"/dev/vdc","occi.storagelink.state":"active","occi.storagelink.state.message":"attached"},"actions":[],"id":"vol-0123456789abcdef0_i-0123456789abcdef0","source":{"location":"/compute/i-0123456789abcdef0","kind":"http://schemas.ogf.org/occi/infrastructure#compute"},"target":{"location":"/storage/vol-0123456789abcdef0","kind":"http://schemas.ogf.org/occi/infrastructure#storage"}}]}
        """;
}
