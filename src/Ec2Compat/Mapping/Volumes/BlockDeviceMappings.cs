using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>
/// RunInstances' <c>BlockDeviceMapping.N</c> (EC2 API reference, BlockDeviceMapping and
/// EbsBlockDevice): each <c>Ebs</c> entry becomes a new volume made and attached at launch.
/// Entries with only <c>NoDevice</c> or <c>VirtualName</c> (instance-store devices) are taken and
/// ignored, as are <c>Ebs.Iops</c>, <c>Ebs.Throughput</c> and <c>Ebs.KmsKeyId</c>.
/// </summary>
public static class BlockDeviceMappings
{
    private static readonly string[] Fields =
    [
        "DeviceName", "NoDevice", "VirtualName", "Ebs.VolumeSize", "Ebs.SnapshotId", "Ebs.DeleteOnTermination",
        "Ebs.VolumeType", "Ebs.Encrypted", "Ebs.Iops", "Ebs.Throughput", "Ebs.KmsKeyId",
    ];

    /// <summary>The disks to make at launch, in index order; an empty list when none are asked for.</summary>
    public static (IReadOnlyList<LaunchDisk> Disks, Ec2Result? Error) Read(QueryRequest q)
    {
        var mappings = q.Members("BlockDeviceMapping");
        if (!mappings.IsValid)
        {
            return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, mappings.Error!));
        }

        var disks = new List<LaunchDisk>();
        foreach (var mapping in mappings)
        {
            var (disk, error) = ReadOne(mapping);
            if (error is not null)
            {
                return ([], error);
            }

            if (disk is not null)
            {
                if (disks.Any(d => d.Device == disk.Device))
                {
                    return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"The device name '{disk.Device}' is mapped more than once."));
                }

                disks.Add(disk);
            }
        }

        return (disks, null);
    }

    private static (LaunchDisk? Disk, Ec2Result? Error) ReadOne(IReadOnlyDictionary<string, string> mapping)
    {
        if (mapping.Keys.FirstOrDefault(k => !Fields.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"The block device mapping field '{unknown}' is unknown."));
        }

        if (mapping.GetValueOrDefault("DeviceName") is not { Length: > 0 } device)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "Each BlockDeviceMapping.N needs a DeviceName."));
        }

        if (!mapping.Keys.Any(k => k.StartsWith("Ebs.", StringComparison.Ordinal)))
        {
            return (null, null);
        }

        var (size, badSize) = VolumeParameters.Size(mapping, "Ebs.VolumeSize");
        var refusal = badSize
            ?? VolumeParameters.TypeRefusal(mapping.GetValueOrDefault("Ebs.VolumeType"), "Ebs.VolumeType")
            ?? VolumeParameters.EncryptionRefusal(mapping, "Ebs.Encrypted");
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var snapshotId = mapping.GetValueOrDefault("Ebs.SnapshotId") is { Length: > 0 } given ? given : null;
        if (snapshotId is not null && !ResourceIds.IsWellFormed(snapshotId, ResourceIds.SnapshotPrefix))
        {
            return (null, VolumeLookup.MalformedSnapshot(snapshotId));
        }

        if (size is null && snapshotId is null)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.MissingParameter,
                $"The block device mapping for '{device}' needs Ebs.VolumeSize or Ebs.SnapshotId."));
        }

        // EC2 API reference, EbsBlockDevice: DeleteOnTermination defaults to true.
        var deleteOnTermination = true;
        if (mapping.TryGetValue("Ebs.DeleteOnTermination", out var text))
        {
            if (!bool.TryParse(text, out deleteOnTermination))
            {
                return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                    $"Invalid value for parameter Ebs.DeleteOnTermination of '{device}': expected true or false."));
            }
        }

        return (new LaunchDisk(device, size, snapshotId, deleteOnTermination, mapping.GetValueOrDefault("Ebs.VolumeType")), null);
    }
}
