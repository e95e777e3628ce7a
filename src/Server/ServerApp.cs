using System.Net;
using Microsoft.AspNetCore.RateLimiting;
using System.Reflection;
using Marten;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.Marten;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Scheduling;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Tags;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Cdmi;
using StandardsCloud.Cdmi.Http;
using StandardsCloud.Ec2Compat;
using StandardsCloud.Ec2Compat.Http;
using StandardsCloud.Occi.Http;
using StandardsCloud.Occi.Mapping;
using StandardsCloud.Compute.Collections;
using StandardsCloud.Marketplace;
using StandardsCloud.Marketplace.Http;
using StandardsCloud.Server.Api;
using StandardsCloud.Server.Configuration;
using StandardsCloud.Server.Hosting;
using StandardsCloud.Server.KeyPairs;
using StandardsCloud.Server.Nodes;
using StandardsCloud.Server.Volumes;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Marten;
using StandardsCloud.Storage.Ports;
using StandardsCloud.Storage.Values;

namespace StandardsCloud.Server;

/// <summary>Composes the whole server from validated settings; tests build it the same way.</summary>
public static class ServerApp
{
    public static string Version { get; } =
        typeof(ServerApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private const string ApiWork = "api";

    public static WebApplication Build(ServerSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = settings.ListenAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(settings.ListenAddress);
            kestrel.Listen(address, settings.ApiPort);
            kestrel.Listen(address, settings.Ec2Port);
            kestrel.Listen(address, settings.OcciPort);
            kestrel.Listen(address, settings.CdmiPort);
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPool.Factory>();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Marten", LogLevel.Warning);

        var data = new DataDirectory(settings.DataDirectory);
        var compute = settings.Compute with { NodeJoinToken = data.JoinToken(settings.NodeJoinToken) };
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(data);
        services.AddSingleton(compute);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDocumentStore>(_ => MartenComputeStore.Create(settings.ConnectionString, settings.Schema));
        services.AddSingleton<IComputeStore>(sp => new MartenComputeStore(sp.GetRequiredService<IDocumentStore>()));
        services.AddSingleton<ILeadership>(new PostgresLeadership(settings.ConnectionString, settings.Schema));
        services.AddSingleton(new SecretBox(data.SiteKey()));
        services.AddSingleton<CoreSignals>();
        services.AddSingleton<IVolumeBackend>(new QcowVolumeBackend(settings.VolumeDirectory));
        services.AddSingleton<VolumeService>();
        services.AddSingleton<InstanceService>();
        services.AddSingleton<HostService>();
        services.AddSingleton<ImageService>();
        services.AddSingleton<IdentityService>();
        services.AddSingleton<IEd25519Generator, SodiumEd25519Generator>();
        services.AddSingleton<KeyPairService>();
        services.AddSingleton<SecurityGroupService>();
        services.AddSingleton<AddressService>();
        services.AddSingleton<TagService>();
        services.AddSingleton<CollectionService>();
        services.AddSingleton<InstanceScheduler>();
        services.AddSingleton<BasicCredentials>();
        services.AddMarketplace(settings.Marketplace, settings.ConnectionString, settings.Schema);
        services.AddEc2(new Ec2Options
        {
            Port = settings.Ec2Port,
            Region = settings.Ec2Region,
            // One zone for the whole site: the core's, which volumes and guests' context name too.
            ZoneName = compute.AvailabilityZone,
            ConcurrentCalls = settings.Ec2ConcurrentCalls,
            WaitingCalls = settings.Ec2WaitingCalls,
            PageKey = System.Security.Cryptography.HMACSHA256.HashData(data.SiteKey(), "ec2 page tokens"u8),
        });
        services.AddOcci(new OcciOptions
        {
            Port = settings.OcciPort,
            Product = "StandardsCloud/" + Version,
            PrivateSubnet = settings.PrivateSubnet,
            HasPublicNetwork = compute.PublicAddresses.Size > 0,
        });
        var storage = new StorageOptions
        {
            ValueDirectory = Path.Combine(data.Root, "storage"),
            CreateParents = settings.CdmiCreateParents,
            MaxValueBytes = settings.CdmiMaxValueBytes,
            EnterpriseNumber = settings.CdmiEnterpriseNumber,
        };
        services.AddSingleton(storage);
        services.AddSingleton<IObjectCatalog>(_ => new MartenObjectCatalog(MartenObjectCatalog.Create(settings.ConnectionString, settings.Schema)));
        services.AddSingleton(new FileValueStore(storage.ValueDirectory));
        services.AddSingleton<IContainerExports, VolumeContainerExports>();
        services.AddSingleton<ObjectStore>();
        services.AddCdmi(sp => new CdmiOptions
        {
            Port = settings.CdmiPort,
            MaxJsonBytes = settings.CdmiMaxJsonBytes,
            Authenticate = sp.GetRequiredService<BasicCredentials>().AuthenticateAsync,
        });
        services.AddHostedService<Bootstrap>();
        services.AddHostedService<VolumeRecovery>();
        services.AddHostedService<SchedulerLoop>();
        services.AddHostedService<HeartbeatMonitor>();
        services.AddProblemDetails();
        services.AddRateLimiter(limits =>
        {
            // API calls beyond a few per core wait their turn here, costing nothing while they wait,
            // instead of crowding the thread pool: /healthz and node syncs stay quick in a storm.
            limits.AddConcurrencyLimiter(ApiWork, o =>
            {
                o.PermitLimit = Environment.ProcessorCount * 2;
                o.QueueLimit = 10_000;
                o.QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst;
            });
            limits.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseEc2();
        app.UseOcci();
        app.UseCdmi();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapGet("/healthz", () => Results.Ok(new HealthView("ok", Version)));
        app.MapNodeProtocol();
        app.MapMarketplace();
        var api = app.MapGroup("/api/v1").RequireRateLimiting(ApiWork).RequireBasic();
        InstanceEndpoints.Map(api);
        AdminEndpoints.Map(api);
        DiskEndpoints.Map(api);
        return app;
    }
}
