using System.Globalization;
using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The DescribeInstances filters supported so far, each as the value it compares.</summary>
public static class InstanceFilters
{
    public static IReadOnlyDictionary<string, Func<Instance, string>> For(Ec2Options options) =>
        new Dictionary<string, Func<Instance, string>>(StringComparer.Ordinal)
        {
            ["instance-id"] = i => i.Id,
            ["instance-state-name"] = i => InstanceStates.Of(i).Name,
            ["instance-state-code"] = i => InstanceStates.Of(i).Code.ToString(CultureInfo.InvariantCulture),
            ["instance-type"] = i => i.InstanceType,
            ["image-id"] = i => i.ImageId,
            ["reservation-id"] = i => i.ReservationId,
            ["availability-zone"] = _ => options.Zone,
            ["key-name"] = i => i.KeyName ?? "",
        };
}
