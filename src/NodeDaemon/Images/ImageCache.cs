using System.Collections.Concurrent;
using System.Security.Cryptography;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Images;

/// <summary>
/// Images fetched once per host and kept under <c>&lt;data-dir&gt;/images</c>, named by SHA-1 so
/// two image ids with the same bytes share a file. A download lands in a temporary file and is
/// renamed into place only after its size (when the image states one) and SHA-1 match, so a cached
/// file is always a verified one; a download longer than the stated size stops there.
/// Concurrent requests for one image share a single fetch; a file removed from the cache is
/// fetched again by the next request.
/// </summary>
public sealed class ImageCache(string directory, HttpClient http)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Outcome<string>>>> _fetches = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The path of the verified image file, fetching it first when needed.</summary>
    public Task<Outcome<string>> GetAsync(ImageSource image, CancellationToken cancellationToken)
    {
        var key = image.Sha1.ToLowerInvariant();
        if (_fetches.TryGetValue(key, out var earlier) && earlier.IsValueCreated && earlier.Value.IsCompletedSuccessfully
            && earlier.Value.Result is { IsOk: true } fetched && !File.Exists(fetched.Value))
        {
            // Removed from the cache (an operator freeing space): fetched and verified again, not a launch that fails.
            _fetches.TryRemove(new KeyValuePair<string, Lazy<Task<Outcome<string>>>>(key, earlier));
        }

        var fetch = _fetches.GetOrAdd(
            key, _ => new Lazy<Task<Outcome<string>>>(() => FetchAsync(image, key, cancellationToken)));
        return ForgetFailureAsync(key, fetch);
    }

    private async Task<Outcome<string>> ForgetFailureAsync(string key, Lazy<Task<Outcome<string>>> fetch)
    {
        var outcome = await fetch.Value.ConfigureAwait(false);
        if (!outcome.IsOk)
        {
            // A failure is remembered only by the caller: the next request tries again.
            _fetches.TryRemove(new KeyValuePair<string, Lazy<Task<Outcome<string>>>>(key, fetch));
        }

        return outcome;
    }

    private async Task<Outcome<string>> FetchAsync(ImageSource image, string sha1, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (sha1.Length != 40 || !sha1.All(char.IsAsciiHexDigit))
        {
            return Outcome<string>.Fail($"image {image.ImageId}: '{image.Sha1}' is not a SHA-1");
        }

        System.IO.Directory.CreateDirectory(Directory);
        var target = Path.Combine(Directory, sha1);
        if (File.Exists(target))
        {
            var existing = await HashFileAsync(target, cancellationToken).ConfigureAwait(false);
            if (existing == sha1)
            {
                return target;
            }
        }

        var temp = Path.Combine(Directory, $"{sha1}.{Guid.NewGuid():N}.part");
        try
        {
            var copied = await CopyAsync(image, temp, cancellationToken).ConfigureAwait(false);
            if (!copied.IsOk)
            {
                return Outcome<string>.Fail($"image {image.ImageId}: {copied.Error}");
            }

            var (copiedSha1, size) = copied.Value;
            if (image.Bytes is { } expected && size != expected)
            {
                var found = size > expected ? $"more than {expected}" : size.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Outcome<string>.Fail($"image {image.ImageId}: size is {found} bytes, expected {expected}");
            }

            if (copiedSha1 != sha1)
            {
                return Outcome<string>.Fail($"image {image.ImageId}: SHA-1 is {copiedSha1}, expected {sha1}");
            }

            File.Move(temp, target, overwrite: true);
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return Outcome<string>.Fail($"image {image.ImageId}: {e.Message}");
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>What a copy came to: its SHA-1 and how many bytes it wrote (one past the limit when the source ran longer).</summary>
    private readonly record struct Copied(string Sha1, long Bytes);

    /// <summary>Copies the image into <paramref name="temp"/> and answers the SHA-1 and size of what was copied.</summary>
    private async Task<Outcome<Copied>> CopyAsync(ImageSource image, string temp, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(image.Url, UriKind.Absolute, out var uri))
        {
            return Outcome<Copied>.Fail($"'{image.Url}' is not an absolute URL");
        }

        if (uri.IsFile)
        {
            await using var source = new FileStream(
                uri.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return await CopyHashingAsync(source, temp, image.Bytes, cancellationToken).ConfigureAwait(false);
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return Outcome<Copied>.Fail($"scheme '{uri.Scheme}' is not supported (file, http, https)");
        }

        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return Outcome<Copied>.Fail($"GET {uri} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await CopyHashingAsync(body, temp, image.Bytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Outcome<Copied>> CopyHashingAsync(Stream source, string temp, long? expectedBytes, CancellationToken cancellationToken)
    {
        var limit = expectedBytes ?? long.MaxValue;
        long total = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        await using var target = new FileStream(
            temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                // Longer than the metadata says: no need to fetch the rest to know it is wrong.
                return new Copied("", total);
            }

            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return new Copied(Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    internal static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var digest = await SHA1.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(digest);
    }
}
