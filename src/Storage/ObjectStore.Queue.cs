using System.IO.Pipelines;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Values;

namespace StandardsCloud.Storage;

/// <summary>One value to enqueue.</summary>
public sealed record QueueItem(Stream Value, string MimeType, string ValueTransferEncoding);

public sealed partial class ObjectStore
{
    /// <summary>The most values one queue holds.</summary>
    public const int MaxQueuedValues = 10_000;

    /// <summary>Adds values at the tail of a queue, in order (CDMI 1.1.1 §11.6).</summary>
    public async Task<StorageResult<StoredObject>> EnqueueAsync(StorageCaller caller, StoredObject queue, IReadOnlyList<QueueItem> items, CancellationToken ct)
    {
        if (queue.Kind != ObjectKind.Queue)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, $"'{queue.Path}' is not a queue");
        }

        if (Deny(queue, caller, AceMask.WriteObject, "enqueue values") is { } denied)
        {
            return denied;
        }

        var added = new List<QueuedValue>();
        foreach (var item in items)
        {
            var reader = PipeReader.Create(item.Value, new StreamPipeReaderOptions(leaveOpen: true));
            // Queued values carry no cdmi_hash (CDMI 1.1.1 §11 gives them no metadata of their own), so they are not hashed.
            using var write = await values.WriteAsync(reader, options.MaxValueBytes, hash: false, ct);
            await reader.CompleteAsync();
            if (write.Value is null)
            {
                added.ForEach(a => values.Delete(a.Version));
                return StorageResult<StoredObject>.Fail(StorageStatus.TooLarge, $"a value may have at most {options.MaxValueBytes} bytes");
            }

            added.Add(new QueuedValue(values.Commit(write.Value), item.MimeType, write.Value.Size, item.ValueTransferEncoding));
        }

        var full = false;
        var updated = await catalog.UpdateAsync(queue.Id, current =>
        {
            full = current.Queue.Count + added.Count > MaxQueuedValues;
            return full ? null : current with { Queue = [.. current.Queue, .. added], Modified = time.GetUtcNow() };
        }, ct);
        if (updated is null)
        {
            added.ForEach(a => values.Delete(a.Version));
            return full
                ? StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"the queue holds its most, {MaxQueuedValues} values")
                : StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{queue.Path}'");
        }

        return StorageResult<StoredObject>.Done(updated.Value.After);
    }

    /// <summary>Removes the oldest <paramref name="count"/> values (CDMI 1.1.1 §11.7).</summary>
    public async Task<StorageResult<StoredObject>> DequeueAsync(StorageCaller caller, StoredObject queue, int count, CancellationToken ct)
    {
        if (queue.Kind != ObjectKind.Queue)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, $"'{queue.Path}' is not a queue");
        }

        if (Deny(queue, caller, AceMask.WriteObject, "remove values") is { } denied)
        {
            return denied;
        }

        var updated = await catalog.UpdateAsync(queue.Id, current => current with
        {
            Queue = [.. current.Queue.Skip(count)],
            Modified = time.GetUtcNow(),
        }, ct);
        if (updated is null)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{queue.Path}'");
        }

        foreach (var gone in updated.Value.Before.Queue.Take(count))
        {
            values.Delete(gone.Version);
        }

        return StorageResult<StoredObject>.Done(updated.Value.After);
    }

    /// <summary>Reads one queued value whole (queued values are small: they arrive in JSON bodies).</summary>
    public async Task<byte[]> ReadQueuedAsync(QueuedValue item, CancellationToken ct)
    {
        await using var stream = values.OpenRead(item.Version);
        var bytes = new byte[item.Size];
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}
