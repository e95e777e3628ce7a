using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>
/// Turns CDMI calls into object-store calls: containers and data objects by path or by ObjectID,
/// capability objects, CDMI and non-CDMI (plain HTTP) forms of the same requests.
/// </summary>
public sealed partial class CdmiService(ObjectStore store, CdmiOptions options)
{
    private const string ObjectIdPrefix = "/cdmi_objectid/";

    public async Task<CdmiReply> HandleAsync(CdmiCall call, CancellationToken ct)
    {
        if (call.Path == "/cdmi_capabilities" || call.Path.StartsWith(Capabilities.RootUri, StringComparison.Ordinal))
        {
            return CapabilityReads.Read(call, store.ExportsOffered, await RootIdAsync(ct));
        }

        if (call.Path == "/cdmi_domains" || call.Path.StartsWith(ObjectViews.DomainUri, StringComparison.Ordinal))
        {
            return CdmiReply.Error(404, "domains are not offered by this server; every object is in the root domain");
        }

        if (call.Path.StartsWith(ObjectIdPrefix, StringComparison.Ordinal))
        {
            return await ByIdAsync(call, ct);
        }

        if (!ObjectPath.TryParse(call.Path, out var path, out var error))
        {
            return CdmiReply.Error(400, $"'{Clip(call.Path)}': {error}");
        }

        return await ByPathAsync(call, path, ct);
    }

    private Task<CdmiReply> ByPathAsync(CdmiCall call, ObjectPath path, CancellationToken ct) => call.Method switch
    {
        "GET" or "HEAD" => ReadAsync(call, path, ct),
        "PUT" => WriteAsync(call, path, ct),
        "DELETE" => DeleteAsync(call, path, ct),
        "POST" when !path.IsContainer && CdmiMediaTypes.Parse(call.ContentType) == CdmiMediaType.Queue => EnqueueAsync(call, path, ct),
        _ => Task.FromResult(CdmiReply.Error(405, $"{Clip(call.Method)} is not a CDMI operation here; use GET, PUT or DELETE (POST enqueues on queues)") with
        {
            Headers = new Dictionary<string, string> { ["Allow"] = "GET, HEAD, PUT, DELETE, POST" },
        }),
    };

    // CDMI 1.1.1 §5.10: /cdmi_objectid/<ID> reaches the object; below a container's ID, its children.
    private async Task<CdmiReply> ByIdAsync(CdmiCall call, CancellationToken ct)
    {
        var rest = call.Path[ObjectIdPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var id = slash < 0 ? rest : rest[..slash];
        var below = slash < 0 ? "" : rest[(slash + 1)..];
        if (CapabilityReads.ById(id) is { } capability)
        {
            return CapabilityReads.Read(call with { Path = capability }, store.ExportsOffered, await RootIdAsync(ct));
        }

        var found = await store.GetByIdAsync(call.Caller, id, ct);
        if (!found.Succeeded)
        {
            return CdmiStatus.Fail(found);
        }

        var obj = found.Value!;
        var target = obj.Path + below;
        if (below.Length > 0 && obj.Kind != ObjectKind.Container)
        {
            return CdmiReply.Error(404, $"'{Clip(call.Path)}': {id} is not a container");
        }

        if (below.Length == 0 && obj.Kind == ObjectKind.Container && !target.EndsWith('/'))
        {
            target += "/";
        }

        if (!ObjectPath.TryParse(target, out var path, out var error))
        {
            return CdmiReply.Error(400, $"'{Clip(call.Path)}': {error}");
        }

        // A data object named by its ID alone is that object, with or without a trailing slash;
        // a reference keeps the shape of its name.
        if (below.Length == 0 && obj.Kind is not (ObjectKind.Container or ObjectKind.Reference))
        {
            path = path.AsDataObject();
        }

        return await ByPathAsync(call, path, ct);
    }

    private string? _rootId;

    /// <summary>The root container's ObjectID, which never changes once made.</summary>
    private async Task<string?> RootIdAsync(CancellationToken ct) => _rootId ??= await store.RootIdAsync(ct);

    /// <summary>Resolves a URI named in a body (copy, move, reference): a path, an ObjectID URI or an absolute URI.</summary>
    private async Task<StorageResult<StoredObject>> ResolveAsync(CdmiCall call, string uri, CancellationToken ct)
    {
        var text = uri;
        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            // CDMI 1.1.1 §5.13.6: as in a request's own URI, an escaped '/' would sit inside a name.
            if (EncodedSlash.In(absolute.AbsolutePath))
            {
                return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, $"'{Clip(uri)}': {EncodedSlash.Refusal}");
            }

            text = Uri.UnescapeDataString(absolute.AbsolutePath);
        }

        var found = text.StartsWith(ObjectIdPrefix, StringComparison.Ordinal)
            ? await store.GetByIdAsync(call.Caller, text[ObjectIdPrefix.Length..].TrimEnd('/'), ct)
            : ObjectPath.TryParse(text, out var path, out var error)
                ? await store.GetAsync(call.Caller, path, ct)
                : StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, $"'{Clip(uri)}': {error}");

        // Copying, moving or referring to an object takes the right to read it, not only its metadata:
        // 400, as CDMI 1.1.1 §8.4.4 answers a copy from a source the caller may not read.
        return found is { Succeeded: true, Value: { } source } && !AccessPolicy.Allows(source, call.Caller, AceMask.ReadObject)
            ? StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, $"'{Clip(uri)}': not allowed to read it")
            : found;
    }

    private static string Clip(string text) => text.Length > 128 ? text[..128] + "…" : text;
}
