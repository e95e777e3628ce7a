namespace StandardsCloud.Compute.Images;

/// <summary>Checks the files an image registration names, and the command line it boots with.</summary>
internal static class BootFiles
{
    /// <summary>
    /// A file, http or https URL (an absolute path becomes a file URL) and a SHA-1 of 40 hex digits,
    /// normalised to lowercase; <paramref name="urlField"/> and <paramref name="sha1Field"/> name them in a refusal.
    /// </summary>
    public static Outcome<BootFile> Check(string urlField, string sha1Field, BootFile file)
    {
        var given = file.Url.StartsWith('/') ? new Uri(file.Url).AbsoluteUri : file.Url;
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || url.Scheme is not ("file" or "http" or "https"))
        {
            return Outcome<BootFile>.Fail(ComputeStatus.InvalidParameter, $"{urlField}: '{file.Url}' is not an absolute file, http or https URL, nor an absolute path");
        }

        var sha1 = file.Sha1.Trim().ToLowerInvariant();
        if (sha1.Length != 40 || !sha1.All(char.IsAsciiHexDigitLower))
        {
            return Outcome<BootFile>.Fail(ComputeStatus.InvalidParameter, $"{sha1Field}: '{file.Sha1}' is not 40 hexadecimal digits");
        }

        if (file.Bytes is < 0)
        {
            return Outcome<BootFile>.Fail(ComputeStatus.InvalidParameter, $"{urlField}: a size cannot be negative");
        }

        return Outcome<BootFile>.Ok(file with { Url = url.AbsoluteUri, Sha1 = sha1 });
    }

    /// <summary>A direct boot with its files checked and its command line defaulted; null stays null (the image boots from its disk).</summary>
    public static Outcome<ImageBoot?> Check(ImageBoot? boot)
    {
        if (boot is null)
        {
            return Outcome<ImageBoot?>.Ok(null);
        }

        var kernel = Check("boot.kernel.url", "boot.kernel.sha1", boot.Kernel);
        if (!kernel.IsOk)
        {
            return kernel.As<ImageBoot?>();
        }

        BootFile? initrd = null;
        if (boot.Initrd is { } given)
        {
            var checkedInitrd = Check("boot.initrd.url", "boot.initrd.sha1", given);
            if (!checkedInitrd.IsOk)
            {
                return checkedInitrd.As<ImageBoot?>();
            }

            initrd = checkedInitrd.Value;
        }

        var commandLine = string.IsNullOrWhiteSpace(boot.CommandLine) ? ImageBoot.DefaultCommandLine : boot.CommandLine.Trim();
        if (commandLine.Length > ImageBoot.MaxCommandLine || commandLine.Any(c => c is < ' ' or > '~'))
        {
            return Outcome<ImageBoot?>.Fail(ComputeStatus.InvalidParameter,
                $"boot.commandLine: at most {ImageBoot.MaxCommandLine} printable ASCII characters, on one line");
        }

        return Outcome<ImageBoot?>.Ok(new ImageBoot(kernel.Value!, initrd, commandLine));
    }
}
