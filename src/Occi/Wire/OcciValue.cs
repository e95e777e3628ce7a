using System.Globalization;

namespace StandardsCloud.Occi.Wire;

/// <summary>The types an attribute value has on the wire (GFD.229 attribute ABNF, GFD.225 §3.2).</summary>
public enum AttributeType
{
    String,
    Number,
    Boolean,
}

/// <summary>An attribute value as a client sent it or as we render it; numbers keep their text.</summary>
public readonly record struct OcciValue(AttributeType Type, string Text)
{
    public static OcciValue Of(string text) => new(AttributeType.String, text);

    public static OcciValue Of(long number) => new(AttributeType.Number, number.ToString(CultureInfo.InvariantCulture));

    public static OcciValue Of(double number) =>
        new(AttributeType.Number, number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? number.ToString("0.0", CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture));

    public static OcciValue Of(bool flag) => new(AttributeType.Boolean, flag ? "true" : "false");

    /// <summary>The value as a number, when it is one or is a string holding one (1.1 clients quote numbers).</summary>
    public double? AsNumber => double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    public bool? AsBoolean => Text switch { "true" => true, "false" => false, _ => null };

    public override string ToString() => Text;
}

/// <summary>One attribute of an entity or action invocation.</summary>
public sealed record OcciAttribute(string Name, OcciValue Value);
