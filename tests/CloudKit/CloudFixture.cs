using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StandardsCloud.Compute;
using StandardsCloud.Server;
using StandardsCloud.Server.Configuration;
using StandardsCloud.Server.Hosting;
using StandardsCloud.TestKit;

namespace StandardsCloud.CloudKit;

/// <summary>
/// A whole server on a free loopback port, over its own PostgreSQL schema and data directory,
/// with a short heartbeat so host failures show within seconds.
/// </summary>
public class CloudFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly TemporaryDirectory _data = new("server");
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;
    public AdminCredentials Admin { get; private set; } = null!;
    public string JoinToken { get; private set; } = "";
    public string Schema { get; } = TestDatabase.NewSchema("server");
    public string DataDirectory => _data.Path;

    /// <summary>The site's public pool in tests: 198.51.100.0/29 (documentation addresses), eight in all.</summary>
    public static Compute.Addresses.AddressPool PublicAddresses { get; } =
        Compute.Addresses.AddressPool.TryParse(["198.51.100.0/29"], out var pool, out _) ? pool : Compute.Addresses.AddressPool.Empty;
    public IServiceProvider Services => _app!.Services;

    /// <summary>Changes a fixture of a derived class makes to the test settings.</summary>
    protected virtual ServerSettings Adjust(ServerSettings settings) => settings;

    public Task InitializeAsync() => StartAsync();

    /// <summary>Stops the server and starts a new one on the same database and data directory.</summary>
    public async Task RestartAsync()
    {
        await _app!.StopAsync();
        await _app.DisposeAsync();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        // Another process may take a chosen port before the server binds it; the next choice will do.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync();
                return;
            }
            catch (IOException error) when (attempt < 5 && LoopbackPorts.WasTaken(error))
            {
                await _app!.DisposeAsync();
            }
        }
    }

    private async Task StartOnceAsync()
    {
        // Volumes live under the data directory, and a real hypervisor (QEMU runs as its own user) must reach them.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_data.Path, (UnixFileMode)0b111_101_101);
        }

        var (settings, errors) = SiteConfigurationLoader.Load(null, _data.Path);
        Assert.Empty(errors);
        settings = settings! with
        {
            ConnectionString = TestDatabase.ConnectionString,
            Schema = Schema,
            ApiPort = 0,
            Ec2Port = LoopbackPorts.Unused(),
            OcciPort = LoopbackPorts.Unused(),
            CdmiPort = LoopbackPorts.Unused(),
            Compute = settings.Compute with { Heartbeat = TimeSpan.FromSeconds(1), PublicAddresses = PublicAddresses },
        };
        settings = Adjust(settings);
        _app = ServerApp.Build(settings);
        Ec2Address = new Uri($"http://127.0.0.1:{settings.Ec2Port}/");
        OcciAddress = new Uri($"http://127.0.0.1:{settings.OcciPort}/");
        CdmiAddress = new Uri($"http://127.0.0.1:{settings.CdmiPort}/");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Admin = JsonSerializer.Deserialize<AdminCredentials>(await File.ReadAllTextAsync(Path.Combine(_data.Path, "server", "admin.json")), Json)!;
        JoinToken = (await File.ReadAllTextAsync(Path.Combine(_data.Path, "server", "node-join-token"))).Trim();
    }

    /// <summary>The CDMI endpoint of this server.</summary>
    public Uri CdmiAddress { get; private set; } = null!;

    /// <summary>The EC2 Query endpoint of this server.</summary>
    public Uri Ec2Address { get; private set; } = null!;

    /// <summary>The OCCI endpoint of this server.</summary>
    public Uri OcciAddress { get; private set; } = null!;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.Services.GetRequiredService<Marten.IDocumentStore>().Advanced.Clean.CompletelyRemoveAllAsync();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    /// <summary>A client signed in as <paramref name="user"/>, or anonymous when null.</summary>
    public HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    public HttpClient AdminClient() => Client(Admin.User, Admin.Password);

    /// <summary>Registers an image (any URL: fake nodes do not fetch it) and returns its id.</summary>
    public async Task<string> RegisterImageAsync(string name, string url = "file:///nonexistent/tiny.img", string sha1 = "a1cca882a3d01a8dc1a538828d6a69b4ec08aab0")
    {
        using var admin = AdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/images", new { name, url, sha1 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Creates a user with its own password and returns a client for it.</summary>
    public async Task<HttpClient> NewUserAsync(string name, object? quota = null)
    {
        using var admin = AdminClient();
        var password = "pw-" + name + "-0123";
        (await admin.PostAsJsonAsync("/api/v1/users", new { name, password, quota })).EnsureSuccessStatusCode();
        return Client(name, password);
    }

    public T Service<T>() where T : notnull => _app!.Services.GetRequiredService<T>();

    public ComputeOptions Options => Service<ComputeOptions>();
}
