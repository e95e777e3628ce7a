using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The DescribeInstances filters supported so far, each as the value it compares.</summary>
public static class InstanceFilters
{
    private static readonly Dictionary<string, Func<Instance, Ec2Options, string>> Fields = new(StringComparer.Ordinal)
    {
        ["instance-id"] = (i, _) => i.Id,
        ["instance-state-name"] = (i, _) => InstanceStates.Of(i).Name,
        ["instance-state-code"] = (i, _) => InstanceStates.Of(i).Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["instance-type"] = (i, _) => i.InstanceType,
        ["image-id"] = (i, _) => i.ImageId,
        ["reservation-id"] = (i, _) => i.ReservationId,
        ["availability-zone"] = (_, o) => o.Zone,
        ["key-name"] = (i, _) => i.KeyName ?? "",
    };

    public static Func<Instance, Ec2Options, string>? Find(string name) => Fields.GetValueOrDefault(name);
}
