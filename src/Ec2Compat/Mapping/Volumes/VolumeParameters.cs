using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>The rules EC2 sets on volume sizes and types (EC2 API reference, CreateVolume and EbsBlockDevice).</summary>
public static class VolumeParameters
{
    public const int MinSizeGiB = 1;
    public const int MaxSizeGiB = 16384;

    /// <summary>The EBS volume types clients send; all are taken, and the site's one kind of disk serves them.</summary>
    public static IReadOnlyList<string> Types { get; } = ["standard", "gp2", "gp3", "io1", "io2", "st1", "sc1"];

    /// <summary>An optional size in GiB from <paramref name="parameter"/>: null when absent, an error when not 1–16384.</summary>
    public static (int? SizeGiB, Ec2Result? Error) Size(IReadOnlyDictionary<string, string> parameters, string parameter)
    {
        if (!parameters.TryGetValue(parameter, out var text))
        {
            return (null, null);
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var size)
            || size is < MinSizeGiB or > MaxSizeGiB)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                $"Value ({Clip(text)}) for parameter {parameter} is invalid. Expect a size in GiB from {MinSizeGiB} to {MaxSizeGiB}."));
        }

        return (size, null);
    }

    /// <summary>An error unless <paramref name="type"/> is absent or one of <see cref="Types"/>.</summary>
    public static Ec2Result? TypeRefusal(string? type, string parameter) => type is null || Types.Contains(type, StringComparer.Ordinal)
        ? null
        : Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
            $"Value ({Clip(type)}) for parameter {parameter} is invalid. Allowed: {string.Join(", ", Types)}.");

    /// <summary>An error when <paramref name="parameter"/> asks for encryption, which the site does not offer.</summary>
    public static Ec2Result? EncryptionRefusal(IReadOnlyDictionary<string, string> parameters, string parameter)
    {
        if (!parameters.TryGetValue(parameter, out var text) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, text.Equals("true", StringComparison.OrdinalIgnoreCase)
            ? "Encrypted volumes are not offered at this site; send Encrypted=false or leave it out."
            : $"Invalid value ({Clip(text)}) for parameter {parameter}: expected true or false.");
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
