namespace StandardsCloud.Compute.Images;

/// <summary>A file a host fetches for direct kernel boot: where it lives, its SHA-1 (lowercase hex) and, when known, its size.</summary>
public sealed record BootFile(string Url, string Sha1, long? Bytes = null);

/// <summary>
/// How an image boots when it carries its own kernel (as EC2's kernel and ramdisk images, or
/// OpenNebula's OS kernel and initrd): the hypervisor loads <see cref="Kernel"/> and
/// <see cref="Initrd"/> and passes <see cref="CommandLine"/>, skipping firmware and boot loader.
/// The image's disk is still the guest's first disk (<c>/dev/vda</c>).
/// </summary>
public sealed record ImageBoot(BootFile Kernel, BootFile? Initrd, string CommandLine)
{
    /// <summary>The longest command line accepted: the x86 kernel's own limit is 2,048 bytes, the node adds nothing.</summary>
    public const int MaxCommandLine = 2047;

    /// <summary>What a guest gets when the registration names no command line: its console on the first serial port, which the node records.</summary>
    public const string DefaultCommandLine = "console=ttyS0";
}
