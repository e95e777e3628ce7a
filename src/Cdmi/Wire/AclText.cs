using System.Globalization;
using System.Text.Json;
using StandardsCloud.Storage.Access;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// The <c>cdmi_acl</c> metadata item (CDMI 1.1.1 §16.1): an array of ACEs, each with acetype,
/// identifier, aceflags and acemask. Types, flags and masks are read as names or <c>0x</c> hex
/// and written as hex.
/// </summary>
public static class AclText
{
    public const int MaxEntries = 128;

    private static readonly Dictionary<string, uint> MaskNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["READ_OBJECT"] = AceMask.ReadObject, ["LIST_CONTAINER"] = AceMask.ReadObject,
        ["WRITE_OBJECT"] = AceMask.WriteObject, ["ADD_OBJECT"] = AceMask.WriteObject,
        ["APPEND_DATA"] = AceMask.AppendData, ["ADD_SUBCONTAINER"] = AceMask.AppendData,
        ["READ_METADATA"] = AceMask.ReadMetadata, ["WRITE_METADATA"] = AceMask.WriteMetadata,
        ["EXECUTE"] = AceMask.Execute, ["DELETE_OBJECT"] = AceMask.DeleteObject, ["DELETE_SUBCONTAINER"] = AceMask.DeleteObject,
        ["READ_ATTRIBUTES"] = AceMask.ReadAttributes, ["WRITE_ATTRIBUTES"] = AceMask.WriteAttributes,
        ["WRITE_RETENTION"] = 0x200, ["WRITE_RETENTION_HOLD"] = 0x400,
        ["DELETE"] = AceMask.Delete, ["READ_ACL"] = AceMask.ReadAcl, ["WRITE_ACL"] = AceMask.WriteAcl,
        ["WRITE_OWNER"] = AceMask.WriteOwner, ["SYNCHRONIZE"] = AceMask.Synchronize, ["ALL_PERMS"] = AceMask.AllPerms,

        // §16.1.7 and §16.1.8 name these combinations too.
        ["RW_ALL"] = 0x0006006F, ["RW"] = 0x0000001F, ["READ_ALL"] = AceMask.ReadObject | AceMask.ReadMetadata,
    };

    private static readonly Dictionary<string, uint> FlagNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NO_FLAGS"] = 0, ["OBJECT_INHERIT"] = AceFlags.ObjectInherit, ["CONTAINER_INHERIT"] = AceFlags.ContainerInherit,
        ["NO_PROPAGATE"] = AceFlags.NoPropagate, ["INHERIT_ONLY"] = AceFlags.InheritOnly,
        ["IDENTIFIER_GROUP"] = AceFlags.Identifier, ["INHERITED"] = AceFlags.Inherited,
    };

    public static (IReadOnlyList<AccessControlEntry>? Acl, string? Error) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return (null, "cdmi_acl must be a JSON array of ACEs");
        }

        var result = new List<AccessControlEntry>();
        foreach (var ace in document.RootElement.EnumerateArray())
        {
            if (result.Count == MaxEntries)
            {
                return (null, $"cdmi_acl may have at most {MaxEntries} entries");
            }

            if (ace.ValueKind != JsonValueKind.Object
                || !ace.TryGetProperty("acetype", out var type) || type.ValueKind != JsonValueKind.String
                || !ace.TryGetProperty("identifier", out var who) || who.ValueKind != JsonValueKind.String
                || !ace.TryGetProperty("acemask", out var mask) || mask.ValueKind != JsonValueKind.String)
            {
                return (null, "each ACE needs string fields acetype, identifier and acemask");
            }

            // §16.1.2: ALLOW 0x0, DENY 0x1, AUDIT 0x2, by name or in hex.
            var typeText = type.GetString()!;
            uint? typeBits = typeText.ToUpperInvariant() switch
            {
                "ALLOW" => 0,
                "DENY" => 1,
                "AUDIT" => 2,
                _ => typeText.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    && uint.TryParse(typeText.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null,
            };
            if (typeBits is not (0 or 1))
            {
                return (null, typeBits == 2
                    ? "acetype AUDIT is not offered: this server keeps no audit records; use ALLOW or DENY"
                    : $"acetype '{typeText}' is not ALLOW (0x00000000) or DENY (0x00000001)");
            }

            var allow = typeBits == 0;

            var flagsText = ace.TryGetProperty("aceflags", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "NO_FLAGS";
            if (!TryBits(flagsText, FlagNames, out var flags) || !TryBits(mask.GetString()!, MaskNames, out var bits))
            {
                return (null, "aceflags and acemask are names joined by ',' or 0x hex");
            }

            var identifier = who.GetString()!;
            if (identifier.Length is 0 or > 256)
            {
                return (null, "an ACE identifier has 1 to 256 characters");
            }

            result.Add(new AccessControlEntry(allow, identifier, flags, bits));
        }

        return (result, null);
    }

    public static string Render(IReadOnlyList<AccessControlEntry> acl)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var ace in acl)
            {
                writer.WriteStartObject();
                writer.WriteString("acetype", ace.Allow ? "0x00000000" : "0x00000001");
                writer.WriteString("identifier", ace.Identifier);
                writer.WriteString("aceflags", Hex(ace.Flags));
                writer.WriteString("acemask", Hex(ace.Mask));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Hex(uint bits) => "0x" + bits.ToString("x8", CultureInfo.InvariantCulture);

    private static bool TryBits(string text, Dictionary<string, uint> names, out uint bits)
    {
        bits = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && uint.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                bits |= hex;
            }
            else if (names.TryGetValue(part, out var named))
            {
                bits |= named;
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
