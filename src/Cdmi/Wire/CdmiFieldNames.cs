namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// The names of the body fields CDMI 1.1.1 defines for data objects (§8), containers (§9), domains
/// (§10), queues (§11) and capability objects (§12), in requests and in answers. Any other name is
/// a field the standard does not define, which is stored but not interpreted (§8.1, §9.1, §11.1).
/// Names are compared exactly, as JSON compares member names.
/// </summary>
public static class CdmiFieldNames
{
    private static readonly HashSet<string> Defined = new(StringComparer.Ordinal)
    {
        "objectType", "objectID", "objectName", "parentURI", "parentID", "domainURI", "capabilitiesURI",
        "completionStatus", "percentComplete", "mimetype", "metadata", "valuetransferencoding", "valuerange", "value",
        "copy", "move", "reference", "deserialize", "serialize", "deserializevalue",
        "exports", "snapshot", "snapshots", "childrenrange", "children", "queueValues", "capabilities",
    };

    /// <summary>True when the standard defines a body field of this name.</summary>
    public static bool IsDefined(string name) => Defined.Contains(name);

    /// <summary>The value fields: the value, and the range and encoding it travels in, which describe nothing without it.</summary>
    public static IReadOnlyList<string> ValueFields { get; } = ["valuetransferencoding", "valuerange", "value"];

    /// <summary>The children fields: a container's children and their range.</summary>
    public static IReadOnlyList<string> ChildrenFields { get; } = ["childrenrange", "children"];

    /// <summary>
    /// True for an attribute field: CDMI 1.1.1 §16.1.5, Table 117 note 1 makes the value fields, the
    /// children fields and metadata the non-attribute fields, and every other field (defined or not) an attribute field.
    /// </summary>
    public static bool IsAttribute(string name) => name != "metadata" && !ValueFields.Contains(name) && !ChildrenFields.Contains(name);
}
