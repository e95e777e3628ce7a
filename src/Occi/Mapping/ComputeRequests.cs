using System.Text;
using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Images;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>What a compute rendering asks of the core, read once from the message (GFD.224 §3.1, §3.4).</summary>
internal sealed record ComputeRequest(
    Image? Image,
    InstanceType? Type,
    string? Title,
    string? Summary,
    string? Hostname,
    string? PublicKey,
    string? UserData,
    IReadOnlyList<CategoryId> UserMixins,
    double? Cores,
    double? MemoryGiB)
{
    public static (ComputeRequest? Request, string? Problem) Read(OcciMessage message, CategoryCatalog catalog)
    {
        Image? image = null;
        InstanceType? type = null;
        var userMixins = new List<CategoryId>();
        foreach (var category in message.Categories)
        {
            var known = catalog.Find(category.Id);
            if (known is null)
            {
                return (null, $"the category {category.Id} is not offered here; see /-/");
            }

            if (known is Kind kind && kind.Id != Vocabulary.Compute)
            {
                return (null, $"a compute cannot be of kind {kind.Id}");
            }

            if (known is not Mixin)
            {
                continue;
            }

            if (catalog.ImageOf(category.Id) is { } chosenImage)
            {
                image = chosenImage;
            }
            else if (catalog.TypeOf(category.Id) is { } chosenType)
            {
                type = chosenType;
            }
            else if (catalog.CollectionOf(category.Id) is not null)
            {
                userMixins.Add(category.Id);
            }
        }

        var cores = message.Attribute("occi.compute.cores");
        var memory = message.Attribute("occi.compute.memory");
        if (cores is { AsNumber: null } || memory is { AsNumber: null })
        {
            return (null, "occi.compute.cores and occi.compute.memory must be numbers");
        }

        var key = (message.Attribute(Vocabulary.SshKeyAttribute) ?? message.Attribute(Vocabulary.OpenStackKeyAttribute))?.Text;
        var userData = (message.Attribute(Vocabulary.UserDataAttribute) ?? message.Attribute(Vocabulary.OpenStackUserDataAttribute))?.Text;
        return (new ComputeRequest(image, type,
            message.Attribute("occi.core.title")?.Text, message.Attribute("occi.core.summary")?.Text,
            message.Attribute("occi.compute.hostname")?.Text, key?.Trim(), userData is null ? null : AsBase64(userData),
            userMixins, cores?.AsNumber, memory?.AsNumber), null);
    }

    // OCCI carries user data as a string: base64 as most clients send it, or plain text, which is encoded here.
    private static string AsBase64(string text)
    {
        var trimmed = text.Trim();
        var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
        return trimmed.Length > 0 && trimmed.Length % 4 == 0 && Convert.TryFromBase64String(trimmed, buffer, out _)
            ? trimmed
            : Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }
}
