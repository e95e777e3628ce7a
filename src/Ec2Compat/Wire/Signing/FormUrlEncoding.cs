using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// Splits application/x-www-form-urlencoded text (WHATWG URL §5.1) into ordered pairs, for the
/// query string and for form bodies. Only the signature code reads it; the Query API parser has its own.
/// </summary>
internal static class FormUrlEncoding
{
    public static IReadOnlyList<FormField> Decode(string encoded)
    {
        var text = encoded.StartsWith('?') ? encoded[1..] : encoded;
        return Decode(Encoding.UTF8.GetBytes(text));
    }

    public static IReadOnlyList<FormField> Decode(ReadOnlySpan<byte> encoded)
    {
        var fields = new List<FormField>();
        while (!encoded.IsEmpty)
        {
            var ampersand = encoded.IndexOf((byte)'&');
            var pair = ampersand < 0 ? encoded : encoded[..ampersand];
            encoded = ampersand < 0 ? [] : encoded[(ampersand + 1)..];

            // WHATWG URL §5.1 step 3.1: empty sequences between '&' are skipped.
            if (pair.IsEmpty)
            {
                continue;
            }

            // A pair without '=' is a name with an empty value (§5.1 step 3.3).
            var equals = pair.IndexOf((byte)'=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            fields.Add(new FormField(
                AwsPercentEncoding.Decode(name, plusIsSpace: true),
                AwsPercentEncoding.Decode(value, plusIsSpace: true)));
        }

        return fields;
    }

    /// <summary>The single value of a parameter: absent, present once, or repeated (an error for signature parameters).</summary>
    public static ParameterLookup Single(IReadOnlyList<FormField> fields, string name)
    {
        string? found = null;
        foreach (var field in fields)
        {
            if (!field.NameIs(name))
            {
                continue;
            }

            if (found is not null)
            {
                return new ParameterLookup(null, Repeated: true);
            }

            found = field.ValueText;
        }

        return new ParameterLookup(found, Repeated: false);
    }

    public static bool Contains(IReadOnlyList<FormField> fields, string name)
    {
        foreach (var field in fields)
        {
            if (field.NameIs(name))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The result of looking for a parameter that may appear at most once.</summary>
internal readonly record struct ParameterLookup(string? Value, bool Repeated);
