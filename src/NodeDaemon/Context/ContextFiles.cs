using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Context;

/// <summary>
/// Renders what a guest learns about itself as a cloud-init NoCloud seed (<c>meta-data</c>,
/// <c>user-data</c>, <c>network-config</c>) plus StratusLab/OpenNebula <c>context.sh</c>
/// (see <see cref="ContextScript"/>). Pure: the same context always gives the same bytes.
/// </summary>
public static class ContextFiles
{
    public const string MetaData = "meta-data";
    public const string UserData = "user-data";
    public const string NetworkConfig = "network-config";
    public const string ContextSh = "context.sh";

    /// <summary>
    /// The seed for <paramref name="instanceId"/>. A domain without a context (a core that sends
    /// none) still gets a seed naming the instance, with its id as host name.
    /// </summary>
    public static Outcome<ContextSeed> Render(string instanceId, InstanceContext? context)
    {
        context ??= new InstanceContext(
            instanceId, "", "", "", 0, "", null, 0, null, null, null, [], null, [], new Dictionary<string, string>());

        byte[] userData;
        try
        {
            userData = context.UserData is { Length: > 0 } encoded
                ? Convert.FromBase64String(encoded)
                : Encoding.UTF8.GetBytes("#cloud-config\n");
        }
        catch (FormatException)
        {
            return Outcome<ContextSeed>.Fail("the instance's user data is not valid base64");
        }

        var script = ContextScript.Render(instanceId, context);
        if (!script.IsOk)
        {
            return Outcome<ContextSeed>.Fail(script.Error);
        }

        var network = RenderNetworkConfig(context);
        if (!network.IsOk)
        {
            return Outcome<ContextSeed>.Fail(network.Error);
        }

        return new ContextSeed(
        [
            new SeedFile(MetaData, Encoding.UTF8.GetBytes(RenderMetaData(instanceId, context))),
            new SeedFile(UserData, userData),
            new SeedFile(NetworkConfig, Encoding.UTF8.GetBytes(network.Value)),
            new SeedFile(ContextSh, Encoding.UTF8.GetBytes(script.Value)),
        ]);
    }

    /// <summary>cloud-init NoCloud meta-data: instance-id, local-hostname and public-keys.</summary>
    public static string RenderMetaData(string instanceId, InstanceContext context)
    {
        // cloud-init NoCloud datasource: meta-data is YAML naming instance-id and local-hostname.
        var text = new StringBuilder();
        text.Append("instance-id: ").Append(Yaml(instanceId)).Append('\n');
        text.Append("local-hostname: ").Append(Yaml(context.Hostname)).Append('\n');
        if (context.PublicKeys.Count > 0)
        {
            text.Append("public-keys:\n");
            foreach (var key in context.PublicKeys)
            {
                text.Append("  - ").Append(Yaml(key.Trim())).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Network configuration version 2: one ethernet, whatever its name (<c>e*</c>), with the
    /// static private address, prefix and default route when the instance has a private address,
    /// DHCP otherwise. No name servers are given.
    /// </summary>
    public static Outcome<string> RenderNetworkConfig(InstanceContext context)
    {
        // cloud-init networking config version 2 (netplan's format): "match: name" takes a glob.
        var text = new StringBuilder("version: 2\nethernets:\n  eth0:\n    match:\n      name: \"e*\"\n");
        if (context.PrivateAddress is not { Length: > 0 } address)
        {
            text.Append("    dhcp4: true\n");
            return text.ToString();
        }

        if (!IsIPv4(address) || context.PrivatePrefixLength is < 0 or > 32)
        {
            return Outcome<string>.Fail($"private address '{address}/{context.PrivatePrefixLength}' is not an IPv4 address and prefix");
        }

        text.Append("    addresses:\n      - ").Append(address).Append('/')
            .Append(context.PrivatePrefixLength.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (context.Gateway is { Length: > 0 } gateway)
        {
            if (!IsIPv4(gateway))
            {
                return Outcome<string>.Fail($"gateway '{gateway}' is not an IPv4 address");
            }

            text.Append("    routes:\n      - to: 0.0.0.0/0\n        via: ").Append(gateway).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The dotted netmask of a prefix length: 16 gives 255.255.0.0.</summary>
    public static string Netmask(int prefixLength)
    {
        var bits = prefixLength <= 0 ? 0u : uint.MaxValue << (32 - Math.Min(prefixLength, 32));
        return string.Join('.', new[] { bits >> 24, (bits >> 16) & 255, (bits >> 8) & 255, bits & 255 }
            .Select(b => b.ToString(CultureInfo.InvariantCulture)));
    }

    internal static bool IsIPv4(string text) =>
        IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork
        && parsed.ToString() == text;

    /// <summary>A YAML double-quoted scalar; JSON string escapes are a subset of YAML's.</summary>
    private static string Yaml(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";
}
