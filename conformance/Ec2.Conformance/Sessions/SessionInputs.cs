namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>What a session is given besides the site: names to create and the public key to import.</summary>
public sealed record SessionInputs(string Prefix, SshKey Key)
{
    public static SessionInputs For(string client) => new(Ec2Site.UniqueName(client), SshKey.NewRsa(client + "@conformance"));

    /// <summary>The <c>EC2_*</c> variables the Python sessions read.</summary>
    public IEnumerable<(string Name, string Value)> Environment(Ec2Site site)
    {
        yield return ("EC2_URL", site.Endpoint.ToString());
        yield return ("EC2_HOST", site.Endpoint.Host);
        yield return ("EC2_PORT", site.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("EC2_REGION", site.Region);
        yield return ("EC2_ZONE", site.Zone);
        yield return ("EC2_ACCESS_KEY", site.AccessKeyId);
        yield return ("EC2_SECRET_KEY", site.SecretAccessKey);
        yield return ("EC2_IMAGE", site.ImageId);
        yield return ("EC2_PREFIX", Prefix);
        yield return ("EC2_PUBLIC_KEY", Key.PublicKey);
        yield return ("EC2_PUBLIC_KEY_FINGERPRINT", Key.Fingerprint);
        yield return ("EC2_BOOT_LINE", Ec2Site.BootLine("{instance}"));
    }
}
