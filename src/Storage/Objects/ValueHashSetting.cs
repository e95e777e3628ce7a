namespace StandardsCloud.Storage.Objects;

/// <summary>
/// A new <c>cdmi_value_hash</c> for an object, data system metadata (CDMI 1.1.1 §16.4, Table 119):
/// <see cref="Sha256"/> asks that the value be hashed, "" asks for no hash, and a null
/// <paramref name="Algorithm"/> removes the item (then nothing is asked either).
/// </summary>
public sealed record ValueHashSetting(string? Algorithm)
{
    /// <summary>The metadata item's name.</summary>
    public const string MetadataName = "cdmi_value_hash";

    /// <summary>SHA-2 with 256 bits, as §16.4 designates it: the one algorithm offered.</summary>
    public const string Sha256 = "SHA256";

    /// <summary>True when an object's setting asks for its value to be hashed.</summary>
    public static bool Asks(string? algorithm) => algorithm == Sha256;
}
