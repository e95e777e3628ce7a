namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// What this server can do, as CDMI capability objects (CDMI 1.1.1 §12): the system-wide names
/// at <c>/cdmi_capabilities/</c>, and what containers and data objects really support.
/// </summary>
public static class Capabilities
{
    public const string RootUri = "/cdmi_capabilities/";
    public const string ContainerUri = "/cdmi_capabilities/container/";
    public const string DataObjectUri = "/cdmi_capabilities/dataobject/";
    public const string QueueUri = "/cdmi_capabilities/queue/";

    private const string True = "\"true\"";

    private const string False = "\"false\"";

    /// <summary>The hashes cdmi_value_hash may ask for (§12.1.3, Table 102; §16.4 designators).</summary>
    private const string ValueHashes = "[\"" + Storage.Objects.ValueHashSetting.Sha256 + "\"]";

    /// <summary>System-wide capabilities; <paramref name="exports"/> says whether OCCI/iSCSI exports are carried out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SystemWide(bool exports) => exports ? SystemWideWithExports : SystemWideWithoutExports;

    /// <summary>Container capabilities; exports and cdmi_assignedsize only where a compute core carries them out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Container(bool exports) => exports ? ContainerWithExports : ContainerBase;

    // CDMI 1.1.1 §12.1.1: system-wide capabilities only.
    private static readonly IReadOnlyList<KeyValuePair<string, string>> SystemWideWithExports = SystemWideOf(true);
    private static readonly IReadOnlyList<KeyValuePair<string, string>> SystemWideWithoutExports = SystemWideOf(false);

    private static KeyValuePair<string, string>[] SystemWideOf(bool exports) =>
    [
        new("cdmi_dataobjects", True),
        new("cdmi_queues", True),
        new("cdmi_export_occi_iscsi", exports ? True : False),
        new("cdmi_metadata_maxitems", "\"1024\""),
        new("cdmi_metadata_maxsize", "\"65536\""),
        new("cdmi_metadata_maxtotalsize", "\"1048576\""),
        new("cdmi_security_access_control", True),
        // §12.1.3 (Table 102): a system that hashes values (cdmi_value_hash) claims data integrity.
        new("cdmi_security_data_integrity", True),
        new("cdmi_serialization_json", "\"false\""),
        new("cdmi_object_move_from_local", True),
        new("cdmi_object_copy_from_local", True),
        new("cdmi_object_access_by_ID", True),
        new("cdmi_references", True),
    ];

    // CDMI 1.1.1 §12.1.5, §12.1.3 (§13.6: an OCCI/iSCSI export; §16.4: cdmi_assignedsize sizes its block device).
    private static readonly KeyValuePair<string, string>[] ContainerExports =
    [
        new("cdmi_export_container_occi", True),
        new("cdmi_assignedsize", True),
    ];

    // CDMI 1.1.1 §12.1.5.
    private static readonly KeyValuePair<string, string>[] ContainerBase =
    [
        new("cdmi_list_children", True),
        new("cdmi_list_children_range", True),
        new("cdmi_read_metadata", True),
        new("cdmi_modify_metadata", True),
        new("cdmi_create_dataobject", True),
        new("cdmi_create_container", True),
        new("cdmi_create_queue", True),
        new("cdmi_delete_container", True),
        new("cdmi_move_container", True),
        new("cdmi_move_dataobject", True),
        new("cdmi_copy_dataobject", True),
        new("cdmi_copy_container", True),
        new("cdmi_create_reference", True),
        new("cdmi_acl", True),

        // §12.1.3, §5.5: a container's cdmi_value_hash is inherited by what is placed in it.
        new("cdmi_value_hash", ValueHashes),

        // No cdmi_size: a container holds no value of its own, and the bytes below it are not summed.
        new("cdmi_ctime", True),
        new("cdmi_mtime", True),
        new("cdmi_atime", True),
        new("cdmi_owner", True),
    ];

    private static readonly KeyValuePair<string, string>[] ContainerWithExports = [.. ContainerBase, .. ContainerExports];

    // CDMI 1.1.1 §12.1.4.
    public static IReadOnlyList<KeyValuePair<string, string>> DataObject { get; } =
    [
        new("cdmi_read_value", True),
        new("cdmi_read_value_range", True),
        new("cdmi_read_metadata", True),
        new("cdmi_modify_value", True),
        new("cdmi_modify_value_range", True),
        new("cdmi_modify_metadata", True),
        new("cdmi_delete_dataobject", True),
        new("cdmi_acl", True),
        new("cdmi_size", True),
        new("cdmi_ctime", True),
        new("cdmi_mtime", True),
        new("cdmi_atime", True),
        new("cdmi_owner", True),
        new("cdmi_hash", True),
        new("cdmi_value_hash", ValueHashes),
    ];

    // CDMI 1.1.1 §12.1.7.
    public static IReadOnlyList<KeyValuePair<string, string>> Queue { get; } =
    [
        new("cdmi_read_value", True),
        new("cdmi_read_metadata", True),
        new("cdmi_modify_value", True),
        new("cdmi_modify_metadata", True),
        new("cdmi_delete_queue", True),
        new("cdmi_acl", True),
        new("cdmi_size", True),
        new("cdmi_ctime", True),
        new("cdmi_mtime", True),
        new("cdmi_atime", True),
        new("cdmi_owner", True),

        // No cdmi_value_hash: a queue keeps the item, but its values are not hashed (they have no cdmi_hash to show it).
    ];
}
