using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Server.Tests.Api;

public sealed class InstanceLifecycleApiTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "life-node", cpus: 64, memoryMiB: 262144);
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("life-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Launch_WithHost_RunningAndHistoryHasEveryStep()
    {
        using var admin = cloud.AdminClient();
        var id = (await admin.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(id, "Running");

        var history = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/instances/{id}/history"))!;
        var descriptions = history!.Select(h => h.GetProperty("description").GetString()!).ToList();
        Assert.StartsWith("requested t1.micro", descriptions[0], StringComparison.Ordinal);
        Assert.Contains(descriptions, d => d.StartsWith("placed on host", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("Pending → Prolog", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.EndsWith("→ Running", StringComparison.Ordinal));
        Assert.Equal("admin", history[0].GetProperty("actor").GetString());
        Assert.Equal("api", history[0].GetProperty("via").GetString());
        Assert.Contains(history, h => h.GetProperty("via").GetString() == "node");
        Assert.Equal(Enumerable.Range(1, history.Length).Select(v => (long)v), history.Select(h => h.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task Terminate_Running_DoneThroughShutdownAndEpilog()
    {
        using var admin = cloud.AdminClient();
        var id = (await admin.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(id, "Running");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/instances/{id}")).StatusCode);
        await admin.WaitForStateAsync(id, "Done");

        var history = await admin.GetStringAsync($"/api/v1/instances/{id}/history");
        Assert.Contains("Running → Shutdown", history, StringComparison.Ordinal);
        Assert.Contains("Shutdown → Epilog", history, StringComparison.Ordinal);
        Assert.Contains("Epilog → Done", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopThenStart_Running_StoppedThenRunningAgain()
    {
        using var admin = cloud.AdminClient();
        var id = (await admin.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(id, "Running");
        (await admin.ActAsync(id, "stop")).EnsureSuccessStatusCode();
        await admin.WaitForStateAsync(id, "Stopped");
        (await admin.ActAsync(id, "start")).EnsureSuccessStatusCode();
        await admin.WaitForStateAsync(id, "Running");
    }

    [Fact]
    public async Task SuspendThenResume_Running_SuspendedThenRunning()
    {
        using var admin = cloud.AdminClient();
        var id = (await admin.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(id, "Running");
        (await admin.ActAsync(id, "suspend")).EnsureSuccessStatusCode();
        await admin.WaitForStateAsync(id, "Suspended");
        (await admin.ActAsync(id, "resume")).EnsureSuccessStatusCode();
        await admin.WaitForStateAsync(id, "Running");
    }

    [Fact]
    public async Task Reboot_Stopped_409WithState()
    {
        using var admin = cloud.AdminClient();
        var id = (await admin.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(id, "Running");
        (await admin.ActAsync(id, "stop")).EnsureSuccessStatusCode();
        await admin.WaitForStateAsync(id, "Stopped");
        var refused = await admin.ActAsync(id, "reboot");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("stopped", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherUser_CannotSeeOrTouch_404()
    {
        using var alice = await cloud.NewUserAsync("owner-alice");
        using var mallory = await cloud.NewUserAsync("owner-mallory");
        var id = (await alice.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await mallory.GetAsync($"/api/v1/instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.DeleteAsync($"/api/v1/instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.GetAsync($"/api/v1/instances/{id}/history")).StatusCode);
        Assert.DoesNotContain(id, await mallory.GetStringAsync("/api/v1/instances"), StringComparison.Ordinal);
        Assert.Contains(id, await alice.GetStringAsync("/api/v1/instances"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_OverQuota_403NamingTheLimit()
    {
        using var quentin = await cloud.NewUserAsync("quota-quentin", new { instances = 2 });
        await quentin.LaunchAsync(_image, count: 2);
        var refused = await quentin.PostAsJsonAsync("/api/v1/instances", new { imageId = _image, instanceType = "t1.micro" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("instance quota 2", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_ConcurrentOverQuota_ExactlyTheQuotaAccepted()
    {
        using var rita = await cloud.NewUserAsync("quota-rita", new { instances = 3 });
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            rita.PostAsJsonAsync("/api/v1/instances", new { imageId = _image, instanceType = "t1.micro" })));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.Forbidden));
        Assert.Equal(3, (await rita.GetFromJsonAsync<JsonElement[]>("/api/v1/instances"))!.Length);
    }

    [Fact]
    public async Task Launch_SameClientTokenConcurrently_OneReservation()
    {
        using var admin = cloud.AdminClient();
        var token = "token-" + Guid.NewGuid().ToString("N");
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            admin.PostAsJsonAsync("/api/v1/instances", new { imageId = _image, instanceType = "t1.micro", clientToken = token })));
        var reservations = new HashSet<string>();
        foreach (var answer in answers)
        {
            answer.EnsureSuccessStatusCode();
            reservations.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservationId").GetString()!);
        }

        Assert.Single(reservations);
    }

    [Fact]
    public async Task Launch_UnknownType_400ListingOfferedTypes()
    {
        using var admin = cloud.AdminClient();
        var refused = await admin.PostAsJsonAsync("/api/v1/instances", new { imageId = _image, instanceType = "x9.huge" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("m1.small", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_UnknownImage_404()
    {
        using var admin = cloud.AdminClient();
        var refused = await admin.PostAsJsonAsync("/api/v1/instances", new { imageId = "ami-00000000000000000", instanceType = "t1.micro" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
