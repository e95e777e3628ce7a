using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>The state names EC2 gives volumes, attachments and snapshots (EC2 API reference, Volume, VolumeAttachment, Snapshot).</summary>
public static class VolumeStates
{
    /// <summary>What an attachment shows once the core no longer holds it.</summary>
    public const string Detached = "detached";

    public static string Of(VolumeState state) => state switch
    {
        VolumeState.Creating => "creating",
        VolumeState.Available => "available",
        VolumeState.InUse => "in-use",
        VolumeState.Deleting => "deleting",
        VolumeState.Deleted => "deleted",
        _ => "error",
    };

    public static string Of(AttachmentState state) => state switch
    {
        AttachmentState.Attaching => "attaching",
        AttachmentState.Attached => "attached",
        _ => "detaching",
    };

    public static string Of(SnapshotState state) => state switch
    {
        SnapshotState.Pending => "pending",
        SnapshotState.Completed => "completed",
        _ => "error",
    };

    /// <summary>A snapshot's <c>progress</c>: all of it once completed, none before.</summary>
    public static string Progress(SnapshotState state) => state == SnapshotState.Completed ? "100%" : "0%";
}
