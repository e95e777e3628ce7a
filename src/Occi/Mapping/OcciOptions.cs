namespace StandardsCloud.Occi.Mapping;

/// <summary>The OCCI front-end's site settings.</summary>
public sealed record OcciOptions
{
    public int Port { get; init; } = 8787;

    /// <summary>Where this site's template schemes live: os_tpl mixins are under <c>{base}os_tpl#</c>, resource_tpl under <c>{base}resource_tpl#</c>.</summary>
    public string TemplateSchemeBase { get; init; } = "http://schemas.standardscloud.org/occi/";

    /// <summary>The image a compute created without an os_tpl mixin runs (an image id); null for the first public image by name.</summary>
    public string? DefaultImage { get; init; }

    /// <summary>The instance type a compute created without a resource_tpl mixin or sizes gets; null for the site's first type.</summary>
    public string? DefaultInstanceType { get; init; }

    /// <summary>Server product token; the OCCI versions are appended.</summary>
    public string Product { get; init; } = "StandardsCloud/0.0.0";

    /// <summary>The site's private network in CIDR notation (every instance has an address on it).</summary>
    public string PrivateSubnet { get; init; } = "10.10.0.0/16";

    /// <summary>True when the site has public addresses to give (the public network exists).</summary>
    public bool HasPublicNetwork { get; init; }

    /// <summary>Largest request body read, in bytes.</summary>
    public int MaxBody { get; init; } = 1024 * 1024;
}
