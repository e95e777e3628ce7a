using StandardsCloud.Compute.Images;

namespace StandardsCloud.Compute.Tests.Images;

public sealed class ImageAttributesTests
{
    private static readonly ComputeOptions Open = new();
    private static readonly ComputeOptions AdministratorsPublish = new() { UsersMayPublishImages = false };
    private static readonly Actor Owner = new("alice", IsAdmin: false, Via: "ec2");
    private static readonly Actor Administrator = new("admin", IsAdmin: true, Via: "ec2");

    private static Image Image(string? marketplace = null) => new() { Id = "ami-0123456789abcdef0", Owner = "alice", MarketplaceIdentifier = marketplace };

    [Fact]
    public void Refusal_OwnerPublishes_OnAnOpenSite_NoRefusal() =>
        Assert.Null(ImageAttributes.Refusal(Open, Owner, Image(), null, isPublic: true));

    [Fact]
    public void Refusal_OwnerPublishes_WhereAdministratorsPublish_Forbidden()
    {
        var refused = ImageAttributes.Refusal(AdministratorsPublish, Owner, Image(), null, isPublic: true);

        Assert.Equal(ComputeStatus.Forbidden, refused?.Status);
        Assert.Contains("administrators", refused?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_AdministratorPublishes_WhereAdministratorsPublish_NoRefusal() =>
        Assert.Null(ImageAttributes.Refusal(AdministratorsPublish, Administrator, Image(), null, isPublic: true));

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Refusal_OwnerUnpublishesOrLeavesItAsItIs_WhereAdministratorsPublish_NoRefusal(bool? isPublic) =>
        Assert.Null(ImageAttributes.Refusal(AdministratorsPublish, Owner, Image(), "a description", isPublic));

    [Fact]
    public void Refusal_DescriptionTooLongOrWithControlCharacters_InvalidParameter()
    {
        Assert.Equal(ComputeStatus.InvalidParameter, ImageAttributes.Refusal(Open, Owner, Image(), new string('x', ImageAttributes.MaxDescriptionLength + 1), null)?.Status);
        Assert.Equal(ComputeStatus.InvalidParameter, ImageAttributes.Refusal(Open, Owner, Image(), "two\nlines", null)?.Status);
        Assert.Null(ImageAttributes.Refusal(Open, Owner, Image(), new string('x', ImageAttributes.MaxDescriptionLength), null));
    }

    [Fact]
    public void Refusal_MarketplaceImage_InvalidParameterEvenForAnAdministrator() =>
        Assert.Equal(ComputeStatus.InvalidParameter, ImageAttributes.Refusal(Open, Administrator, Image("IDENTIFIER"), "mine now", null)?.Status);
}
