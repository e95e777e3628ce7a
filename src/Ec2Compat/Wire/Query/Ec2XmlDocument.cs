namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>How success and error documents begin.</summary>
internal static class Ec2XmlDocument
{
    // EC2 spells the encoding "UTF-8".
    private static ReadOnlySpan<byte> Declaration => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8;

    public static Utf8XmlWriter Start(Stream stream) => new(stream, Declaration);
}
