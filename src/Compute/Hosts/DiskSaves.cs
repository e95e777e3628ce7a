using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Hosts;

/// <summary>
/// The saves of instances' disks as the host protocol carries them: pending images become
/// <see cref="DiskSave"/> entries of their instance's desired domain, and a host's
/// <see cref="SavedDisk"/> answer makes the image available or failed.
/// </summary>
internal static class DiskSaves
{
    /// <summary>Pending saved images by the instance they copy.</summary>
    public static ILookup<string, Image> Pending(IEnumerable<Image> images) =>
        images.Where(i => i.State == ImageState.Pending && i.SourceInstanceId is not null).ToLookup(i => i.SourceInstanceId!, StringComparer.Ordinal);

    /// <summary>The saves a host should make of one instance's disk; null for none.</summary>
    public static IReadOnlyList<DiskSave>? Of(IEnumerable<Image> pending)
    {
        var saves = pending.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => new DiskSave(i.Id, new Uri(i.Url).LocalPath, i.SaveDeferred)).ToList();
        return saves.Count > 0 ? saves : null;
    }

    /// <summary>
    /// Ends the saves a host reports for <paramref name="instanceId"/>, or, when <paramref name="instanceEnded"/>,
    /// every save still pending for it (its disk is gone). Answers the events for the instance's stream;
    /// an image no longer waiting for this instance is left as it is.
    /// </summary>
    public static IInstanceEvent[] End(
        IComputeSession session, ILookup<string, Image> pending, string instanceId, IReadOnlyList<SavedDisk>? saved, bool instanceEnded, EventContext ctx)
    {
        var events = new List<IInstanceEvent>();
        foreach (var image in pending[instanceId])
        {
            var result = saved?.FirstOrDefault(s => s.ImageId == image.Id);
            var error = result switch
            {
                null when instanceEnded => "the instance ended before its disk was saved",
                null => null,
                { Error: { } failed } => failed,
                { Sha1: { Length: 40 } sha1, Bytes: > 0 } when sha1.All(char.IsAsciiHexDigitLower) => null,
                _ => "the host answered no valid SHA-1 and size",
            };
            if (result is null && error is null)
            {
                continue;
            }

            image.State = error is null ? ImageState.Available : ImageState.Failed;
            image.StateReason = error;
            image.Sha1 = error is null ? result!.Sha1! : "";
            image.Bytes = error is null ? result!.Bytes : null;
            session.Store(image);
            session.Record(ResourceStreams.Image(image.Id), new ImageSaveEnded(ctx, error is null ? image.Sha1 : null, image.Bytes ?? 0, error));
            events.Add(new InstanceDiskSaveEnded(ctx, image.Id, error));
        }

        return [.. events];
    }
}
