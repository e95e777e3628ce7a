using System.Text.Json;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// The data system metadata item <c>cdmi_value_hash</c> as a client sends it (CDMI 1.1.1 §16.4,
/// Table 119): a JSON string, "SHA256" (any case) to have the value hashed with SHA-256, or "" for
/// no hash. Anything else is refused, as §16.4 allows, rather than ignored or replaced.
/// </summary>
public static class ValueHashText
{
    /// <summary>The setting, <see cref="ValueHashSetting.Sha256"/> or ""; or why the text is not one.</summary>
    public static (string? Algorithm, string? Error) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.String)
        {
            return (null, $"metadata '{ValueHashSetting.MetadataName}' is a JSON string: \"{ValueHashSetting.Sha256}\" (SHA-256) or \"\" (no hash)");
        }

        var text = document.RootElement.GetString()!;
        if (text.Length == 0 || string.Equals(text, ValueHashSetting.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return (text.Length == 0 ? "" : ValueHashSetting.Sha256, null);
        }

        var shown = text.Length > 64 ? text[..64] + "…" : text;
        return (null, $"metadata '{ValueHashSetting.MetadataName}': \"{shown}\" is not a hash this server computes; "
            + $"the one supported is \"{ValueHashSetting.Sha256}\" (SHA-256), or \"\" for no hash");
    }
}
