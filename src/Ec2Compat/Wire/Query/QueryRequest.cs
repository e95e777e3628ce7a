using System.Globalization;
using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// The parameters of one EC2 Query API call (AWS EC2 API reference, "Query requests"), decoded
/// from a POST form body or a GET query string. Names are case-sensitive, as AWS treats them.
/// Parameters this type does not know about are kept and ignored, as EC2 ignores them for most
/// actions; a malformed list index is an error because ignoring it would silently drop data.
/// </summary>
public sealed class QueryRequest
{
    /// <summary>The EC2 API version assumed when a request does not name one.</summary>
    public const string DefaultVersion = "2016-11-15";

    // Echoed values are shortened so one bad parameter cannot inflate an error body.
    private const int EchoLimit = 64;

    private readonly Dictionary<string, string> _parameters;

    internal QueryRequest(Dictionary<string, string> parameters) => _parameters = parameters;

    /// <summary>Parses an application/x-www-form-urlencoded POST body.</summary>
    public static QueryParseResult ParseForm(ReadOnlySpan<byte> body, QueryLimits? limits = null) =>
        QueryFormParser.Parse(body, limits ?? QueryLimits.Default);

    /// <summary>Parses a raw, still-encoded query string; a leading '?' is allowed.</summary>
    public static QueryParseResult ParseQueryString(string? queryString, QueryLimits? limits = null)
    {
        limits ??= QueryLimits.Default;
        var text = queryString.AsSpan();
        if (text.StartsWith('?'))
            text = text[1..];

        // A raw query string is ASCII in practice; the length check first keeps the
        // conversion below from working on an oversized input.
        if (text.Length > limits.MaxBytes)
            return QueryParseResult.Fail($"The request is larger than the limit of {limits.MaxBytes} bytes.");
        var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, bytes);
        return QueryFormParser.Parse(bytes, limits);
    }

    /// <summary>Every decoded parameter, e.g. for signature checks that sign them all.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    /// <summary>The <c>Action</c> parameter, e.g. <c>DescribeInstances</c>.</summary>
    public string? Action => Get("Action");

    /// <summary>The <c>Version</c> parameter, or <see cref="DefaultVersion"/> when absent or empty.</summary>
    public string Version => Get("Version") is { Length: > 0 } version ? version : DefaultVersion;

    public string? Get(string name) => _parameters.GetValueOrDefault(name);

    public bool Contains(string name) => _parameters.ContainsKey(name);

    /// <summary>A required integer: false with a message when absent or not an integer.</summary>
    public bool TryGetInt(string name, out int value, out string error)
    {
        value = 0;
        if (!_parameters.TryGetValue(name, out var text))
        {
            error = Missing(name);
            return false;
        }

        return TryParseInt(name, text, out value, out error);
    }

    /// <summary>An optional integer: <paramref name="whenAbsent"/> if absent, false with a message if not an integer.</summary>
    public bool TryGetInt(string name, int whenAbsent, out int value, out string error)
    {
        if (_parameters.TryGetValue(name, out var text))
            return TryParseInt(name, text, out value, out error);
        value = whenAbsent;
        error = "";
        return true;
    }

    /// <summary>A required boolean, <c>true</c> or <c>false</c> in any case.</summary>
    public bool TryGetBool(string name, out bool value, out string error)
    {
        value = false;
        if (!_parameters.TryGetValue(name, out var text))
        {
            error = Missing(name);
            return false;
        }

        return TryParseBool(name, text, out value, out error);
    }

    /// <summary>
    /// An optional boolean: <paramref name="whenAbsent"/> if absent, false with a message for
    /// anything but <c>true</c>/<c>false</c>. Refusing <c>DryRun=yes</c> matters: reading it as
    /// false would perform the very action the client meant only to test.
    /// </summary>
    public bool TryGetBool(string name, bool whenAbsent, out bool value, out string error)
    {
        if (_parameters.TryGetValue(name, out var text))
            return TryParseBool(name, text, out value, out error);
        value = whenAbsent;
        error = "";
        return true;
    }

    /// <summary>Values of <c>Prefix.1</c>, <c>Prefix.2</c>, … by index, e.g. <c>InstanceId</c>.</summary>
    public QueryList<string> List(string prefix) => QueryLists.Values(_parameters, prefix);

    /// <summary>The <c>Filter.N</c> of a Describe call, by index.</summary>
    public QueryList<QueryFilter> Filters() => QueryLists.Filters(_parameters);

    /// <summary>
    /// Structures of <c>Prefix.N.…</c> by index, each holding the names after
    /// <c>Prefix.N.</c>; read nested lists with <see cref="QueryLists"/>.
    /// </summary>
    public QueryList<IReadOnlyDictionary<string, string>> Members(string prefix) => QueryLists.Members(_parameters, prefix);

    private static bool TryParseInt(string name, string text, out int value, out string error)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = "";
            return true;
        }

        error = $"Invalid value {Echo(text)} for parameter {name}: expected an integer.";
        return false;
    }

    private static bool TryParseBool(string name, string text, out bool value, out string error)
    {
        error = "";
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        error = $"Invalid value {Echo(text)} for parameter {name}: expected true or false.";
        return false;
    }

    private static string Missing(string name) => $"The request must contain the parameter {name}.";

    private static string Echo(string text) =>
        text.Length <= EchoLimit ? $"'{text}'" : $"'{text[..EchoLimit]}…'";
}
