using StandardsCloud.Compute;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>DescribeRegions, DescribeAvailabilityZones, DescribeAccountAttributes.</summary>
public sealed class RegionActions(Ec2Options options, ComputeOptions compute)
{
    private sealed record Region(string Name, string Endpoint);

    private sealed record Zone(string Name, string Region);

    private static readonly FilterFields<Region> RegionFields = new()
    {
        ["region-name"] = r => r.Name,
        ["endpoint"] = r => r.Endpoint,
        ["opt-in-status"] = _ => "opt-in-not-required",
    };

    private static readonly FilterFields<Zone> ZoneFields = new()
    {
        ["zone-name"] = z => z.Name,
        ["zone-id"] = z => z.Name,
        ["region-name"] = z => z.Region,
        ["state"] = _ => "available",
        ["zone-type"] = _ => "availability-zone",
        ["group-name"] = z => z.Region,
        ["opt-in-status"] = _ => "opt-in-not-required",
    };

    // EC2 API reference, DescribeRegions: RegionName.N names regions (an unknown one is refused) and
    // the endpoint is a host name, as clients such as boto 2 connect to it by name.
    public Ec2Result DescribeRegions(Ec2Call call)
    {
        var host = Uri.TryCreate(call.Endpoint, UriKind.Absolute, out var uri) ? uri.Host : call.Endpoint;
        return Describe(call, "RegionName", new Region(options.Region, host), r => r.Name, RegionFields,
            unknown => $"Invalid region name(s): [{unknown}]; this site has {options.Region}",
            (w, regions) => w.Set("regionInfo", regions, (item, region) => item
                .Element("regionName", region.Name)
                .Element("regionEndpoint", region.Endpoint)
                .Element("optInStatus", "opt-in-not-required")));
    }

    // EC2 API reference, DescribeAvailabilityZones: ZoneName.N (or ZoneId.N) names zones; an unknown one is refused.
    public Ec2Result DescribeAvailabilityZones(Ec2Call call) =>
        Describe(call, call.Query.List("ZoneId").Count > 0 ? "ZoneId" : "ZoneName", new Zone(options.Zone, options.Region), z => z.Name, ZoneFields,
            unknown => $"The zone '{unknown}' does not exist in this region; its zone is {options.Zone}",
            (w, zones) => w.Set("availabilityZoneInfo", zones, (item, zone) => item
                .Element("zoneName", zone.Name)
                .Element("zoneState", "available")
                .Element("regionName", zone.Region)
                .Element("zoneId", zone.Name)
                .Element("zoneType", "availability-zone")));

    private static Ec2Result Describe<T>(Ec2Call call, string namesParameter, T only, Func<T, string> nameOf, FilterFields<T> fields,
        Func<string, string> unknownMessage, Action<Ec2XmlWriter, IReadOnlyList<T>> write)
    {
        var names = call.Query.List(namesParameter);
        var filters = call.Query.Filters();
        if (!names.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error ?? filters.Error!);
        }

        if (names.FirstOrDefault(n => n != nameOf(only)) is { } unknown)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, unknownMessage(unknown));
        }

        var (selected, invalid) = ResourceFilters.Apply([only], filters, fields);
        return invalid ?? call.Respond(w => write(w, selected));
    }

    // EC2 API reference, DescribeAccountAttributes: an EC2-Classic account, with no default VPC, so
    // clients such as the tempest plugin skip VPC tests and Terraform takes the classic path.
    public Ec2Result DescribeAccountAttributes(Ec2Call call)
    {
        var attributes = new (string Name, string Value)[]
        {
            ("supported-platforms", "EC2"),
            ("default-vpc", "none"),
            ("max-elastic-ips", compute.AddressesPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("vpc-max-elastic-ips", "0"),
        };
        var names = call.Query.List("AttributeName");
        if (!names.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error!);
        }

        if (names.FirstOrDefault(n => !attributes.Any(a => a.Name == n)) is { } unknown)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                $"'{unknown}' is not an account attribute here; allowed: {string.Join(", ", attributes.Select(a => a.Name))}");
        }

        var wanted = attributes.Where(a => names.Count == 0 || names.Contains(a.Name, StringComparer.Ordinal)).ToList();
        return call.Respond(w =>
            w.Set("accountAttributeSet", wanted, (item, attribute) => item
                .Element("attributeName", attribute.Name)
                .Set("attributeValueSet", [attribute.Value], (value, v) => value.Element("attributeValue", v))));
    }
}
