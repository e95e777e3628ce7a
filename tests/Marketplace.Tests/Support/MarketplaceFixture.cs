using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StandardsCloud.Marketplace.Entries;
using StandardsCloud.Marketplace.Http;
using StandardsCloud.Marketplace.Rdf;
using StandardsCloud.TestKit;

namespace StandardsCloud.Marketplace.Tests.Support;

/// <summary>
/// The Marketplace alone on a free loopback port over its own PostgreSQL schema, trusting the
/// vectors' endorser, on a clock the tests set (2026-11-27, after the vectors' endorsement date).
/// </summary>
public sealed class MarketplaceFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        var trust = new EndorserTrust(EndorserTrust.ReadBundle(File.ReadAllText(Vectors.PathOf("endorser-cert.pem"))), []);
        builder.Services.AddMarketplace(new MarketplaceOptions { Trust = trust }, TestDatabase.ConnectionString, TestDatabase.NewSchema("market"));
        _app = builder.Build();
        _app.MapMarketplace();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.Services.GetRequiredService<MarketplaceStore>().Documents.Advanced.Clean.CompletelyRemoveAllAsync();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
