namespace StandardsCloud.Compute.Images;

/// <summary>
/// The rules for changing an image's attributes: its description and who may launch it. The
/// core applies them in <see cref="ImageService.ChangeAttributesAsync"/>; a front-end may ask
/// them first, to refuse a request before it changes anything.
/// </summary>
public static class ImageAttributes
{
    /// <summary>The longest description an image keeps (EC2's limit).</summary>
    public const int MaxDescriptionLength = 255;

    /// <summary>
    /// Why <paramref name="actor"/> may not give <paramref name="image"/> this description
    /// (null: unchanged) or make it public or private (null: unchanged), or null when it may.
    /// A Marketplace entry's image takes its attributes from the entry; a site that keeps
    /// publishing to administrators refuses everyone else with <see cref="ComputeStatus.Forbidden"/>.
    /// Ownership is not looked at here.
    /// </summary>
    public static Outcome<Image>? Refusal(ComputeOptions options, Actor actor, Image image, string? description, bool? isPublic)
    {
        if (image.MarketplaceIdentifier is not null)
        {
            return Outcome<Image>.Fail(ComputeStatus.InvalidParameter, $"{image.Id} comes from a Marketplace entry, whose metadata describes it");
        }

        if (description is { Length: > MaxDescriptionLength } || (description?.Any(char.IsControl) ?? false))
        {
            return Outcome<Image>.Fail(ComputeStatus.InvalidParameter, $"a description has at most {MaxDescriptionLength} characters and no control characters");
        }

        return isPublic == true && !actor.IsAdmin && !options.UsersMayPublishImages
            ? Outcome<Image>.Fail(ComputeStatus.Forbidden, "only the site's administrators make images public")
            : null;
    }
}
