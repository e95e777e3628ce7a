using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

public sealed partial class CdmiService
{
    // CDMI 1.1.1 §5.16, §8.2.5, §9.2.5: a body with "reference" and nothing else creates a reference
    // object; at a container URI it must name a container.
    private async Task<CdmiReply> CreateReferenceAsync(CdmiCall call, ObjectPath path, CdmiMediaType type, string target, CdmiRequestBody rest,
        bool hadValue, CancellationToken ct)
    {
        if (type is not (CdmiMediaType.Object or CdmiMediaType.Container))
        {
            return CdmiReply.Error(400, "a reference is created with Content-Type application/cdmi-object or application/cdmi-container");
        }

        if (hadValue || rest != new CdmiRequestBody())
        {
            return CdmiReply.Error(400, "a body that creates a reference holds the field 'reference' and no other");
        }

        if (!ReferenceUri.IsWellFormed(target))
        {
            return CdmiReply.Error(400, $"reference '{Clip(target)}' is neither a path beginning with '/' nor an absolute http or https URI");
        }

        if (type == CdmiMediaType.Container && !ReferenceUri.NamesContainer(target))
        {
            return CdmiReply.Error(400, $"a container reference names a container, whose URI ends with '/': '{Clip(target)}' does not");
        }

        return Answer(await store.PutReferenceAsync(call.Caller, path, target, ct));
    }
}
