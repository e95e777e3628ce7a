using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §7.2, §8.2.6: a body with "reference" and nothing else creates a reference object.
    private async Task<CdmiReply> CreateReferenceAsync(CdmiCall call, ObjectPath path, CdmiMediaType type, string target, CdmiRequestBody rest,
        bool hadValue, CancellationToken ct)
    {
        if (type != CdmiMediaType.Object)
        {
            return CdmiReply.Error(400, "a reference is created with Content-Type application/cdmi-object at a URI not ending with '/'");
        }

        if (hadValue || rest != new CdmiRequestBody())
        {
            return CdmiReply.Error(400, "a body that creates a reference holds the field 'reference' and no other");
        }

        if (!IsReferenceTarget(target))
        {
            return CdmiReply.Error(400, $"reference '{Clip(target)}' is neither a path beginning with '/' nor an absolute http or https URI");
        }

        return Answer(await store.PutReferenceAsync(call.Caller, path, target, ct));
    }

    /// <summary>A target is sent back in a Location header, so it must be a clean URI.</summary>
    private static bool IsReferenceTarget(string target)
    {
        if (target.Length is 0 or > 4096 || target.Any(char.IsControl))
        {
            return false;
        }

        return target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal)
            ? Uri.IsWellFormedUriString(target, UriKind.Relative)
            : Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https";
    }
}
