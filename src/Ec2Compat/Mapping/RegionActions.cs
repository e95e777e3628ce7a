namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>DescribeRegions, DescribeAvailabilityZones, DescribeAccountAttributes.</summary>
public sealed class RegionActions(Ec2Options options)
{
    public Ec2Result DescribeRegions(Ec2Call call) => call.Respond(w =>
        w.Set("regionInfo", [options.Region], (item, region) => item
            .Element("regionName", region)
            .Element("regionEndpoint", call.Endpoint)
            .Element("optInStatus", "opt-in-not-required")));

    public Ec2Result DescribeAvailabilityZones(Ec2Call call) => call.Respond(w =>
        w.Set("availabilityZoneInfo", [options.Zone], (item, zone) => item
            .Element("zoneName", zone)
            .Element("zoneState", "available")
            .Element("regionName", options.Region)
            .Element("zoneId", zone)
            .Element("zoneType", "availability-zone")));

    // Only EC2-Classic networking: clients such as the tempest plugin then skip VPC tests.
    public Ec2Result DescribeAccountAttributes(Ec2Call call) => call.Respond(w =>
        w.Set("accountAttributeSet", ["supported-platforms"], (item, name) => item
            .Element("attributeName", name)
            .Set("attributeValueSet", ["EC2"], (value, v) => value.Element("attributeValue", v))));
}
