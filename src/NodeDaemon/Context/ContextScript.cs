using System.Globalization;
using System.Text;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Context;

/// <summary>
/// StratusLab/OpenNebula <c>context.sh</c>: one <c>KEY="value"</c> line per variable, which a guest
/// reads with <c>. context.sh</c>. The names, in this order (a line is left out when it has no value):
/// <list type="bullet">
/// <item><c>HOSTNAME</c>, <c>INSTANCE_ID</c>, <c>IMAGE_ID</c>, <c>INSTANCE_TYPE</c></item>
/// <item><c>ETH0_IP</c>, <c>ETH0_MASK</c> (dotted), <c>ETH0_PREFIX</c>, <c>ETH0_GATEWAY</c>: the private network</item>
/// <item><c>PUBLIC_IP</c>: the associated public address</item>
/// <item><c>SSH_PUBLIC_KEY</c>: the first public key; <c>SSH_PUBLIC_KEY_0</c>, <c>SSH_PUBLIC_KEY_1</c>, …:
/// every key, numbered as the metadata service's <c>public-keys/N</c></item>
/// <item><c>USER_DATA</c> (base64) and <c>USERDATA_ENCODING="base64"</c></item>
/// <item>the owner's own pairs, last, in ordinal order of their names</item>
/// </list>
/// Values are escaped for sh inside double quotes (<c>\ " $ `</c> get a backslash). A value keeps no
/// line breaks: every control character becomes a space, so multi-line data belongs in base64.
/// </summary>
public static class ContextScript
{
    public static Outcome<string> Render(string instanceId, InstanceContext context)
    {
        var text = new StringBuilder("# Context of this instance, written by StandardsCloud (OpenNebula/StratusLab format).\n");
        void Line(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(name).Append("=\"").Append(Escape(value)).Append("\"\n");
            }
        }

        Line("HOSTNAME", context.Hostname);
        Line("INSTANCE_ID", instanceId);
        Line("IMAGE_ID", context.ImageId);
        Line("INSTANCE_TYPE", context.InstanceType);
        if (context.PrivateAddress is { Length: > 0 } address)
        {
            Line("ETH0_IP", address);
            Line("ETH0_MASK", ContextFiles.Netmask(context.PrivatePrefixLength));
            Line("ETH0_PREFIX", context.PrivatePrefixLength.ToString(CultureInfo.InvariantCulture));
            Line("ETH0_GATEWAY", context.Gateway);
        }

        Line("PUBLIC_IP", context.PublicAddress);
        for (var i = 0; i < context.PublicKeys.Count; i++)
        {
            var key = context.PublicKeys[i].Trim();
            if (i == 0)
            {
                Line("SSH_PUBLIC_KEY", key);
            }

            Line("SSH_PUBLIC_KEY_" + i.ToString(CultureInfo.InvariantCulture), key);
        }

        if (context.UserData is { Length: > 0 } userData)
        {
            Line("USER_DATA", userData);
            Line("USERDATA_ENCODING", "base64");
        }

        foreach (var (name, value) in context.Pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!IsName(name))
            {
                return Outcome<string>.Fail($"context pair name '{name}' is not a shell variable name ([A-Za-z_][A-Za-z0-9_]*)");
            }

            text.Append(name).Append("=\"").Append(Escape(value)).Append("\"\n");
        }

        return text.ToString();
    }

    /// <summary>The value as it may stand between double quotes in sh.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' or '"' or '$' or '`':
                    text.Append('\\').Append(c);
                    break;
                case var control when char.IsControl(control):
                    text.Append(' ');
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>True for a POSIX shell variable name.</summary>
    public static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
