using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Nodes;

/// <summary>
/// The persistent-disk round trip with real guests (the tiny image under <c>qemu:///system</c>, TCG):
/// a guest launched with user data and a new volume reads both from its context disk, writes a
/// marker onto the volume and powers off; the volume is detached and attached to a second guest,
/// which prints the marker.
/// </summary>
public sealed class VolumeRoundTripTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _node = new("volume-node");

    public void Dispose() => _node.Dispose();

    // Finds the volume by the serial the host gives volumes ("vol" + 17 hex digits), so the script
    // does not depend on the order in which the guest's kernel names its disks.
    private static string Script(string body) => Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""
        #!/bin/sh
        for s in /sys/block/vd*/serial; do
            case "$(cat "$s")" in vol*) ;; *) continue ;; esac
            d="${s%/serial}"; d="/dev/${d##*/}"
            {{body}}
        done
        """));

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task VolumeWrittenByOneGuest_DetachedAndAttachedToAnother_ShowsTheMarker()
    {
        var imagePath = Environment.GetEnvironmentVariable("STANDARDSCLOUD_TINY_IMAGE");
        Assert.True(imagePath is not null && File.Exists(imagePath),
            "STANDARDSCLOUD_TINY_IMAGE must name the tiny guest image; ./test.sh builds it and sets it");
        File.SetUnixFileMode(_node.Path, (UnixFileMode)0b111_101_101);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(await File.ReadAllBytesAsync(imagePath!)));
        var image = await cloud.RegisterImageAsync("tiny-guest-volumes", new Uri(imagePath!).AbsoluteUri, sha1);

        using var admin = cloud.AdminClient();
        await using var node = NodeProcess.Start(cloud, "volume-host", _node.Path, uri: "qemu:///system");
        await NodeTests.WaitForHostsAsync(admin, "volume-host", 1, seconds: 60);
        var marker = "marker-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

        // The first guest: a new 1 GiB volume made at launch, kept after the instance ends.
        var before = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/disks");
        var writerId = await LaunchAsync(admin, new
        {
            imageId = image,
            instanceType = "t1.micro",
            disks = new[] { new { device = "/dev/sdf", sizeGiB = 1, deleteOnTermination = false } },
            userData = Script($"printf '{marker}\\n' >\"$d\" && sync && echo \"wrote {marker} to $d\""),
            context = new Dictionary<string, string> { ["POWEROFF"] = "yes" },
        });
        var volumeId = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/disks"))!
            .Select(d => d.GetProperty("uuid").GetString()!)
            .Single(id => !before!.Any(b => b.GetProperty("uuid").GetString() == id));
        try
        {
            var console = await admin.WaitForConsoleAsync(writerId, "StandardsCloud tiny guest: powering off", seconds: 180);
            foreach (var line in new[]
            {
                $"context: meta-data: instance-id: \"{writerId}\"",
                "context: user-data: #!/bin/sh",
                $"context: context.sh: INSTANCE_ID=\"{writerId}\"",
                $"serial {Serial(volumeId)} sectors 2097152",
                $"wrote {marker} to /dev/vd",
            })
            {
                Assert.True(console.Contains(line, StringComparison.Ordinal), $"the console lacks '{line}':\n{console}");
            }
            await admin.WaitForStateAsync(writerId, "Stopped", seconds: 60);

            // Detach from the stopped guest; the volume is available again once the host confirms.
            (await admin.DeleteAsync($"/api/v1/disks/{volumeId}/mounts/{writerId}")).EnsureSuccessStatusCode();
            await WaitForDiskStateAsync(admin, volumeId, "available", seconds: 60);

            var readerId = await LaunchAsync(admin, new
            {
                imageId = image,
                instanceType = "t1.micro",
                volumes = new[] { new { volumeId, device = "/dev/sdf" } },
                userData = Script($"echo \"volume says: $(head -c {marker.Length} \"$d\")\""),
                context = new Dictionary<string, string> { ["POWEROFF"] = "yes" },
            });
            try
            {
                var second = await admin.WaitForConsoleAsync(readerId, "StandardsCloud tiny guest: powering off", seconds: 180);
                Assert.True(second.Contains($"volume says: {marker}", StringComparison.Ordinal), second);
            }
            finally
            {
                (await admin.DeleteAsync($"/api/v1/instances/{readerId}")).EnsureSuccessStatusCode();
                await admin.WaitForStateAsync(readerId, "Done", seconds: 60);
            }
        }
        finally
        {
            (await admin.DeleteAsync($"/api/v1/instances/{writerId}")).EnsureSuccessStatusCode();
            await admin.WaitForStateAsync(writerId, "Done", seconds: 60);
        }

        // The volume outlived both guests; with nothing attached it may be deleted.
        await WaitForDiskStateAsync(admin, volumeId, "available", seconds: 60);
        (await admin.DeleteAsync($"/api/v1/disks/{volumeId}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/disks/{volumeId}")).StatusCode);
        Assert.False(node.HasExited, node.Output);
    }

    private static string Serial(string volumeId) => "vol" + volumeId["vol-".Length..];

    private static async Task<string> LaunchAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/instances", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"launch answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("instances")[0].GetProperty("id").GetString()!;
    }

    private static async Task WaitForDiskStateAsync(HttpClient admin, string volumeId, string state, int seconds)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var last = "";
        while (DateTime.UtcNow < until)
        {
            last = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/disks/{volumeId}")).GetProperty("state").GetString()!;
            if (last == state)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"disk {volumeId} stayed {last}, never {state}");
    }
}
