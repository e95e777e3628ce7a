using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>The capability objects (CDMI 1.1.1 §12), each with a fixed ObjectID of its own.</summary>
public static class CapabilityReads
{
    private static readonly Dictionary<string, (string Id, string Name, string? Parent, Func<bool, IReadOnlyList<KeyValuePair<string, string>>> Items, string[] Children)> Objects = new(StringComparer.Ordinal)
    {
        [Capabilities.RootUri] = (Id("root"), "cdmi_capabilities/", null, Capabilities.SystemWide, ["container/", "dataobject/", "queue/"]),
        [Capabilities.ContainerUri] = (Id("container"), "container/", Capabilities.RootUri, Capabilities.Container, []),
        [Capabilities.DataObjectUri] = (Id("dataobject"), "dataobject/", Capabilities.RootUri, _ => Capabilities.DataObject, []),
        [Capabilities.QueueUri] = (Id("queue"), "queue/", Capabilities.RootUri, _ => Capabilities.Queue, []),
    };

    /// <summary>The capability path with ObjectID <paramref name="id"/>, if it is one.</summary>
    public static string? ById(string id) => Objects.FirstOrDefault(o => string.Equals(o.Value.Id, id, StringComparison.OrdinalIgnoreCase)).Key;

    /// <summary>
    /// Answers a read of a capability object; <paramref name="exports"/> says whether OCCI/iSCSI
    /// exports are carried out. The root capability object's parent is the root container
    /// (<paramref name="rootContainerId"/>), as in §12.2's example.
    /// </summary>
    public static CdmiReply Read(CdmiCall call, bool exports, string? rootContainerId)
    {
        if (call.Method is not ("GET" or "HEAD"))
        {
            return CdmiReply.Error(405, "capabilities are read-only") with { Headers = new Dictionary<string, string> { ["Allow"] = "GET, HEAD" } };
        }

        var path = call.Path.EndsWith('/') ? call.Path : call.Path + "/";
        if (!Objects.TryGetValue(path, out var found))
        {
            return CdmiReply.Error(404, $"no capability object '{call.Path}'");
        }

        if (!call.Path.EndsWith('/'))
        {
            return new CdmiReply(301) { Headers = new Dictionary<string, string> { ["Location"] = path } };
        }

        if (call.IsCdmi && !CdmiMediaTypes.Accepts(call.Accept, CdmiMediaType.Capability))
        {
            return CdmiReply.Error(406, "capabilities are application/cdmi-capability");
        }

        var view = new ObjectView
        {
            Type = CdmiMediaType.Capability,
            ObjectId = found.Id,
            ObjectName = found.Name,
            ParentUri = found.Parent ?? (rootContainerId is null ? null : "/"),
            ParentId = found.Parent is null ? rootContainerId : Objects[found.Parent].Id,
            Capabilities = found.Items(exports),
            Children = found.Children,
        };
        return CdmiReply.Json(200, view, call.Selection);
    }

    // Fixed IDs: the same on every replica and every start.
    private static string Id(string name) =>
        ObjectId.FromData(28669, System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("cdmi_capabilities/" + name))[..16]).Text;
}
