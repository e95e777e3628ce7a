namespace StandardsCloud.Compute.Instances;

/// <summary>
/// Host names owners give instances. Front-ends pass on what clients send (OCCI clients send free
/// text), so a name is only refused when it is empty, too long or holds control characters;
/// <see cref="ForGuest"/> turns it into an RFC 1123 name when the guest is told.
/// </summary>
public static class Hostnames
{
    public const int MaxLength = 253;

    /// <summary>What is wrong with <paramref name="hostname"/>, or null when it is acceptable (null is: the site chooses).</summary>
    public static string? ProblemOf(string? hostname) => hostname switch
    {
        null => null,
        { Length: 0 or > MaxLength } => $"a host name has 1 to {MaxLength} characters",
        _ when hostname.Any(char.IsControl) => "a host name cannot hold control characters",
        _ => null,
    };

    /// <summary>
    /// The name a guest takes when its owner gave none: the name of its private address (see
    /// <see cref="ForAddress"/>), or its instance id when it has no address.
    /// </summary>
    public static string Default(string instanceId, string? privateAddress) =>
        privateAddress is null ? instanceId : ForAddress(privateAddress);

    /// <summary>The host name of a private address, shaped as EC2 names them: <c>ip-10-10-0-5</c>.</summary>
    public static string ForAddress(string privateAddress) => "ip-" + privateAddress.Replace('.', '-');

    /// <summary>The name as an RFC 1123 host name: letters, digits and inner hyphens in dot-separated labels.</summary>
    public static string ForGuest(string hostname)
    {
        var labels = hostname.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(label => new string([.. label.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-'))
            .Select(label => label.Length > 63 ? label[..63].TrimEnd('-') : label)
            .Where(label => label.Length > 0)
            .ToList();
        return labels.Count == 0 ? "instance" : string.Join('.', labels);
    }
}
