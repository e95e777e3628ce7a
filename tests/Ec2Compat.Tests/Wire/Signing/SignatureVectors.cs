using System.Globalization;
using System.Text;
using System.Text.Json;
using StandardsCloud.Ec2Compat.Wire.Signing;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Signing;

/// <summary>One botocore-signed request from ../shared/vectors/ec2/ec2-signatures.json.</summary>
internal sealed record SignatureVector(
    string Name,
    int SignatureVersion,
    SignedRequest Request,
    string AccessKey,
    string SecretKey,
    DateTimeOffset SignedAt);

/// <summary>Loads the shared EC2 signature vectors, which CI lays out beside the clone.</summary>
internal static class SignatureVectors
{
    private static readonly Lazy<IReadOnlyList<SignatureVector>> Loaded = new(Load);

    public static IReadOnlyList<SignatureVector> All => Loaded.Value;

    public static SignatureVector Named(string name) => All.Single(vector => vector.Name == name);

    public static TheoryData<string> Names(int signatureVersion)
    {
        var names = new TheoryData<string>();
        foreach (var vector in All.Where(vector => vector.SignatureVersion == signatureVersion))
        {
            names.Add(vector.Name);
        }

        return names;
    }

    private static IReadOnlyList<SignatureVector> Load()
    {
        var path = Path.Combine(RepositoryRoot(), "..", "shared", "vectors", "ec2", "ec2-signatures.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(Parse).ToList();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StandardsCloud.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("StandardsCloud.sln not found above " + AppContext.BaseDirectory);
    }

    private static SignatureVector Parse(JsonElement element)
    {
        var url = new Uri(element.GetProperty("url").GetString()!);
        var version = element.GetProperty("signature_version").GetInt32();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element.TryGetProperty("headers", out var headerElement))
        {
            foreach (var header in headerElement.EnumerateObject())
            {
                headers[header.Name] = header.Value.GetString()!;
            }
        }

        // The SigV2 vector records the host only in its URL, as botocore signs the URL's netloc.
        headers.TryAdd("Host", url.Authority);

        var rawQuery = url.Query.TrimStart('?');
        if (element.TryGetProperty("query", out var queryElement))
        {
            rawQuery = string.Join('&', queryElement.EnumerateObject().Select(pair =>
                Uri.EscapeDataString(pair.Name) + "=" + Uri.EscapeDataString(pair.Value.GetString()!)));
        }

        var body = element.TryGetProperty("body", out var bodyElement) ? Encoding.UTF8.GetBytes(bodyElement.GetString()!) : [];

        var signedAt = version == 4
            ? DateTimeOffset.ParseExact(headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : DateTimeOffset.Parse(queryElement.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        return new SignatureVector(
            element.GetProperty("name").GetString()!,
            version,
            new SignedRequest(element.GetProperty("method").GetString()!, url.AbsolutePath, rawQuery, headers, body),
            element.GetProperty("access_key").GetString()!,
            element.GetProperty("secret_key").GetString()!,
            signedAt);
    }
}
