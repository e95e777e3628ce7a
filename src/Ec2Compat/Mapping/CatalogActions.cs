using StandardsCloud.Compute;
using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Images;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>DescribeImages over the site's image catalogue and DescribeInstanceTypes over its types.</summary>
public sealed class CatalogActions(ImageService images, ComputeOptions compute)
{
    private static readonly FilterFields<Image> ImageFields = new()
    {
        Tags = i => i.Tags,
        ["image-id"] = i => i.Id,
        ["name"] = i => i.Name,
        ["owner-id"] = i => AccountIds.Of(i.Owner),
        ["is-public"] = i => i.IsPublic ? "true" : "false",
        ["state"] = StateOf,
        ["architecture"] = _ => "x86_64",
        ["image-type"] = _ => "machine",
    };

    public async Task<Ec2Result> DescribeImagesAsync(Ec2Call call)
    {
        var ids = call.Query.List("ImageId");
        var owners = call.Query.List("Owner");
        var filters = call.Query.Filters();
        if (!ids.IsValid || !owners.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, ids.Error ?? owners.Error ?? filters.Error!);
        }

        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.ImagePrefix)) is { } malformed)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdMalformed, $"Invalid id: \"{malformed}\" (expecting \"ami-...\")");
        }

        var (named, unknown) = ResourceFilters.Named(await images.ListAsync(call.Actor, call.Cancellation), ids, i => i.Id,
            id => Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, $"The image id '[{id}]' does not exist"));
        // EC2 API reference, DescribeImages Owner.N: account ids, or "self" for the caller; "amazon"
        // and the marketplace own nothing here.
        var owned = owners.Count == 0 ? named : [.. named.Where(i => owners.Any(o => AccountIds.Names(o, i.Owner, call.Actor.UserId)))];
        var (list, invalid) = unknown is null ? ResourceFilters.Apply(owned, filters, ImageFields) : ([], unknown);
        if (invalid is not null)
        {
            return invalid;
        }

        return call.Respond(w => w.Set("imagesSet", list, (item, i) => WriteImage(item, i)));
    }

    private static void WriteImage(Ec2XmlWriter item, Image i)
    {
        item.Element("imageId", i.Id)
            // EC2 API reference, Image: a machine's own image is located as <account id>/<name>.
            .Element("imageLocation", i.SourceInstanceId is null ? i.Url : $"{AccountIds.Of(i.Owner)}/{i.Name}")
            .Element("imageState", StateOf(i))
            .Element("imageOwnerId", AccountIds.Of(i.Owner))
            .Element("creationDate", i.RegisteredAt)
            .Element("isPublic", i.IsPublic)
            .Element("architecture", "x86_64")
            .Element("imageType", "machine")
            .Element("name", i.Name)
            .Element("rootDeviceType", "instance-store")
            .Set("blockDeviceMapping", Array.Empty<string>(), (_, _) => { })
            .Element("virtualizationType", "hvm")
            .Element("hypervisor", "xen")
            .TagSet(i.Tags);
        if (i.State == ImageState.Failed)
        {
            item.Structure("stateReason", r => r.Element("code", "Server.InternalError").Element("message", i.StateReason ?? "the save failed"));
        }
    }

    // EC2 API reference, Image: imageState is pending, available or failed.
    private static string StateOf(Image image) => image.State switch
    {
        ImageState.Pending => "pending",
        ImageState.Failed => "failed",
        _ => "available",
    };

    public Ec2Result DescribeInstanceTypes(Ec2Call call)
    {
        var names = call.Query.List("InstanceType");
        if (!names.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error!);
        }

        if (names.FirstOrDefault(n => compute.FindType(n) is null) is { } unknown)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"The following supplied instance types do not exist: [{unknown}]");
        }

        var types = compute.InstanceTypes.Where(t => names.Count == 0 || names.Contains(t.Name, StringComparer.Ordinal)).ToList();
        return call.Respond(w =>
        {
            w.Set("instanceTypeSet", types, (item, t) => item
                .Element("instanceType", t.Name)
                .Element("currentGeneration", true)
                .Element("hypervisor", "xen")
                .Structure("vCpuInfo", v => v.Element("defaultVCpus", t.Cpus))
                .Structure("memoryInfo", m => m.Element("sizeInMiB", t.MemoryMiB))
                .Structure("processorInfo", p => p.Structure("supportedArchitectures", a => a.Element("item", "x86_64"))));
            if (call.AtEucalyptusPath)
            {
                w.Set("instanceTypeDetails", types, WriteEucalyptusType, EucalyptusNamespace);
            }
        });
    }

    // The message namespace of Eucalyptus 3.3, whose answer libcloud's driver reads by default.
    private const string EucalyptusNamespace = "http://msgs.eucalyptus.com/3.3.0";

    // Eucalyptus's own answer (its clients, libcloud's driver among them, read instanceTypeDetails):
    // memory in MiB, disk in GiB, which the site's types leave to the image, so 0.
    private static void WriteEucalyptusType(Ec2XmlWriter item, InstanceType t) => item
        .Element("name", t.Name)
        .Element("cpu", t.Cpus)
        .Element("disk", 0)
        .Element("memory", t.MemoryMiB);
}
