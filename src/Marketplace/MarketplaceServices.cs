using Microsoft.Extensions.DependencyInjection;
using StandardsCloud.Marketplace.Entries;

namespace StandardsCloud.Marketplace;

/// <summary>Registers the Marketplace in a host; <see cref="Http.MarketplaceRoutes.MapMarketplace"/> maps its routes.</summary>
public static class MarketplaceServices
{
    public static IServiceCollection AddMarketplace(this IServiceCollection services, MarketplaceOptions options, string connectionString, string schema)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => new MarketplaceStore(MarketplaceStore.Create(connectionString, schema)));
        services.AddSingleton<MarketplaceCatalog>();
        services.AddSingleton<Compute.Images.IMarketplaceImages, Catalogue.MarketplaceImages>();
        return services;
    }
}
