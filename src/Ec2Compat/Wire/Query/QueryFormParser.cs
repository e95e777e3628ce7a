using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// Splits an application/x-www-form-urlencoded byte sequence into decoded parameters. The EC2
/// Query protocol sends the same encoding in a POST body and in a GET query string (AWS EC2 API
/// reference, "Query requests for Amazon EC2"); '+' means a space as in HTML forms.
/// </summary>
internal static class QueryFormParser
{
    public static QueryParseResult Parse(ReadOnlySpan<byte> form, QueryLimits limits)
    {
        if (form.Length > limits.MaxBytes)
            return QueryParseResult.Fail($"The request is larger than the limit of {limits.MaxBytes} bytes.");

        var parameters = new Dictionary<string, string>(form.Count((byte)'&') + 1, StringComparer.Ordinal);

        // Decoding never lengthens text, so one buffer the size of the form serves every pair.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(form.Length, 1));
        try
        {
            var rest = form;
            var ordinal = 0;
            while (!rest.IsEmpty)
            {
                var amp = rest.IndexOf((byte)'&');
                var pair = amp < 0 ? rest : rest[..amp];
                rest = amp < 0 ? default : rest[(amp + 1)..];

                // Empty pairs ("a=1&&b=2", a trailing '&') carry nothing; browsers and
                // ASP.NET skip them too.
                if (pair.IsEmpty)
                    continue;

                ordinal++;
                if (ordinal > limits.MaxParameters)
                    return QueryParseResult.Fail($"The request has more than {limits.MaxParameters} parameters.");

                var eq = pair.IndexOf((byte)'=');
                var rawName = eq < 0 ? pair : pair[..eq];
                var rawValue = eq < 0 ? default : pair[(eq + 1)..];

                if (!TryDecode(rawName, buffer, out var name, out var problem))
                    return QueryParseResult.Fail($"The name of parameter #{ordinal} has {problem}.");
                if (name.Length == 0)
                    return QueryParseResult.Fail($"Parameter #{ordinal} has an empty name.");
                if (name.Length > limits.MaxNameLength)
                    return QueryParseResult.Fail($"The name of parameter #{ordinal} is longer than {limits.MaxNameLength} characters.");
                if (!TryDecode(rawValue, buffer, out var value, out problem))
                    return QueryParseResult.Fail($"The value of parameter '{name}' has {problem}.");
                if (QueryIndex.FindMalformed(name) is { } index)
                    return QueryParseResult.Fail($"The parameter '{name}' has the list index '{index}'; list indices are positive integers starting at 1.");
                if (!parameters.TryAdd(name, value))
                    return QueryParseResult.Fail($"The parameter '{name}' appears more than once.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return QueryParseResult.Ok(new QueryRequest(parameters));
    }

    private static bool TryDecode(ReadOnlySpan<byte> raw, byte[] buffer, out string text, out string problem)
    {
        text = "";
        problem = "";
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'+')
            {
                buffer[length++] = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                var hi = i + 1 < raw.Length ? HexValue(raw[i + 1]) : -1;
                var lo = i + 2 < raw.Length ? HexValue(raw[i + 2]) : -1;
                if (hi < 0 || lo < 0)
                {
                    problem = "an invalid percent-escape" + Describe(raw[i..Math.Min(i + 3, raw.Length)]);
                    return false;
                }

                buffer[length++] = (byte)((hi << 4) | lo);
                i += 2;
            }
            else
            {
                buffer[length++] = b;
            }
        }

        var bytes = buffer.AsSpan(0, length);

        // Decoding leniently would turn bad bytes into U+FFFD, so two different requests could
        // read as the same one; refuse instead.
        if (!Utf8.IsValid(bytes))
        {
            problem = "bytes that are not valid UTF-8";
            return false;
        }

        text = length == 0 ? "" : Encoding.UTF8.GetString(bytes);
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    // Echo the offending escape only when it is printable ASCII, so the message stays safe to
    // put in a response body or a log line.
    private static string Describe(ReadOnlySpan<byte> escape)
    {
        foreach (var b in escape)
        {
            if (b is < 0x21 or > 0x7E)
                return "";
        }

        return $" '{Encoding.ASCII.GetString(escape)}'";
    }
}
