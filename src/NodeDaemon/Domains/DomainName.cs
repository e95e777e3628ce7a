namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>
/// Maps instance ids to libvirt domain names. The prefix marks the domains this daemon owns;
/// anything else on the host belongs to someone else and is left alone.
/// </summary>
public static class DomainName
{
    public const string Prefix = "sc-";

    public static string For(string instanceId) => Prefix + instanceId;

    public static bool TryGetInstanceId(string domainName, out string instanceId)
    {
        if (domainName.StartsWith(Prefix, StringComparison.Ordinal) && domainName.Length > Prefix.Length)
        {
            instanceId = domainName[Prefix.Length..];
            return true;
        }

        instanceId = string.Empty;
        return false;
    }
}
