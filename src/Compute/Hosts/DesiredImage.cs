using StandardsCloud.Compute.Images;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Hosts;

/// <summary>An image as a host fetches it, with the kernel and initrd it boots directly when it has them.</summary>
internal static class DesiredImage
{
    public static ImageSource Of(Image image) =>
        new(image.Id, image.Url, image.Sha1, image.Bytes, image.Boot is { } boot ? BootOf(image.Id, boot) : null);

    private static DirectBoot BootOf(string imageId, ImageBoot boot) => new(
        new ImageSource(imageId + "/kernel", boot.Kernel.Url, boot.Kernel.Sha1, boot.Kernel.Bytes),
        boot.Initrd is { } initrd ? new ImageSource(imageId + "/initrd", initrd.Url, initrd.Sha1, initrd.Bytes) : null,
        boot.CommandLine);
}
