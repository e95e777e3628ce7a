using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>What a storage rendering asks of the core, read once from the message (GFD.224 §3.3).</summary>
internal sealed record StorageRequest(int? SizeGiB, string? Title, string? Summary)
{
    /// <summary>Largest size accepted, in GiB: the core's largest volume.</summary>
    public const int MaxSizeGiB = VolumeService.MaxSizeGiB;

    public static (StorageRequest? Request, string? Problem) Read(OcciMessage message, CategoryCatalog catalog)
    {
        foreach (var category in message.Categories)
        {
            switch (catalog.Find(category.Id))
            {
                case null:
                    return (null, $"the category {category.Id} is not offered here; see /-/");
                case Kind kind when kind.Id != Vocabulary.Storage:
                    return (null, $"a storage cannot be of kind {kind.Id}");
                case Mixin mixin:
                    return (null, $"storage takes no mixins here; {mixin.Id} cannot be applied to it");
                default:
                    break;
            }
        }

        int? size = null;
        if (message.Attribute("occi.storage.size") is { } given)
        {
            // GFD.224 §3.3: the size is in GiB; a fraction is rounded up to the next whole GiB.
            if (given.AsNumber is not { } number || number <= 0)
            {
                return (null, $"occi.storage.size must be a positive number of GiB, not {given.Text}");
            }

            if (number > MaxSizeGiB)
            {
                return (null, $"occi.storage.size may be at most {MaxSizeGiB} GiB");
            }

            size = (int)Math.Ceiling(number);
        }

        return (new StorageRequest(size, message.Attribute("occi.core.title")?.Text, message.Attribute("occi.core.summary")?.Text), null);
    }
}
