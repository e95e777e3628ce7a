using StandardsCloud.Compute;
using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Images;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>DescribeImages over the site's image catalogue and DescribeInstanceTypes over its types.</summary>
public sealed class CatalogActions(ImageService images, ComputeOptions compute, Ec2Options options)
{
    /// <summary>Where every instance's root disk appears, as instances describe it.</summary>
    private const string RootDeviceName = "/dev/sda1";

    // EC2 API reference, DescribeImages Filter.N. Values no image here has (a platform, an owner
    // alias, kernels and ramdisks) match nothing, as on EC2 for a Linux image.
    private static readonly FilterFields<Image> ImageFields = new FilterFields<Image>
    {
        Tags = i => i.Tags,
        ["image-id"] = i => i.Id,
        ["name"] = i => i.Name,
        ["owner-id"] = i => AccountIds.Of(i.Owner),
        ["is-public"] = i => i.IsPublic ? "true" : "false",
        ["state"] = StateOf,
        ["architecture"] = _ => "x86_64",
        ["image-type"] = _ => "machine",
        ["root-device-type"] = _ => "instance-store",
        ["root-device-name"] = _ => RootDeviceName,
        ["virtualization-type"] = _ => "hvm",
        ["hypervisor"] = _ => "xen",
        ["manifest-location"] = LocationOf,
        ["creation-date"] = i => i.RegisteredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        ["platform"] = _ => null,
        ["owner-alias"] = _ => null,
        ["description"] = i => i.Description,
        ["kernel-id"] = _ => null,
        ["ramdisk-id"] = _ => null,
        ["product-code"] = _ => null,
        ["state-reason-code"] = i => i.State == ImageState.Failed ? "Server.InternalError" : null,
    };

    // EC2 API reference, DescribeInstanceTypes Filter.N (those the site's types can answer).
    private static readonly FilterFields<InstanceType> TypeFields = new FilterFields<InstanceType>
    {
        ["instance-type"] = t => t.Name,
        ["current-generation"] = t => IsCurrentGeneration(t) ? "true" : "false",
        ["vcpu-info.default-vcpus"] = t => t.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["memory-info.size-in-mib"] = t => t.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["hypervisor"] = _ => "xen",
        ["bare-metal"] = _ => "false",
        ["free-tier-eligible"] = _ => "false",
        ["instance-storage-supported"] = _ => "false",
    }
        .Many("processor-info.supported-architecture", _ => ["x86_64"])
        .Many("supported-root-device-type", _ => ["instance-store"])
        .Many("supported-virtualization-type", _ => ["hvm"])
        .Many("supported-usage-class", _ => ["on-demand"]);

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
            .Element("imageLocation", LocationOf(i))
            .Element("imageState", StateOf(i))
            .Element("imageOwnerId", AccountIds.Of(i.Owner))
            .Element("creationDate", i.RegisteredAt)
            .Element("isPublic", i.IsPublic)
            .Element("architecture", "x86_64")
            .Element("imageType", "machine")
            .Element("name", i.Name)
            .Element("description", i.Description)
            .Element("rootDeviceType", "instance-store")
            .Element("rootDeviceName", RootDeviceName)
            .Set("blockDeviceMapping", Array.Empty<string>(), (_, _) => { })
            .Element("virtualizationType", "hvm")
            .Element("hypervisor", "xen")
            .TagSet(i.Tags);
        if (i.State == ImageState.Failed)
        {
            item.Structure("stateReason", r => r.Element("code", "Server.InternalError").Element("message", i.StateReason ?? "the save failed"));
        }
    }

    // EC2 API reference, Image: a machine's own image is located as <account id>/<name>; so is one
    // whose file is on the site's own disk, whose path is no user's business. A download URL shows.
    private static string LocationOf(Image i) =>
        i.SourceInstanceId is null && (i.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || i.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ? i.Url
            : $"{AccountIds.Of(i.Owner)}/{i.Name}";

    // EC2 API reference, Image: imageState is pending, available or failed.
    private static string StateOf(Image image) => image.State switch
    {
        ImageState.Pending => "pending",
        ImageState.Failed => "failed",
        _ => "available",
    };

    // EC2 API reference, DescribeInstanceTypes: InstanceType.N (an unknown one → InvalidInstanceType),
    // Filter.N, and MaxResults 5–100 with NextToken.
    public Ec2Result DescribeInstanceTypes(Ec2Call call)
    {
        var names = call.Query.List("InstanceType");
        var filters = call.Query.Filters();
        if (!names.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error ?? filters.Error!);
        }

        if (names.FirstOrDefault(n => compute.FindType(n) is null) is { } unknown)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceType, $"The following supplied instance types do not exist: [{unknown}]");
        }

        var (paging, badPaging) = Paging.Read(call, options, names.Count, "InstanceType", largest: MaxTypesPerPage);
        if (paging is null)
        {
            return badPaging!;
        }

        var named = compute.InstanceTypes.Where(t => names.Count == 0 || names.Contains(t.Name, StringComparer.Ordinal)).ToList();
        var (selected, invalid) = ResourceFilters.Apply(named, filters, TypeFields);
        if (invalid is not null)
        {
            return invalid;
        }

        var (types, next) = paging.Take(selected, options);
        return call.Respond(w =>
        {
            w.Set("instanceTypeSet", types, (item, t) => item
                .Element("instanceType", t.Name)
                .Element("currentGeneration", IsCurrentGeneration(t))
                .Element("freeTierEligible", false)
                .Element("bareMetal", false)
                .Element("hypervisor", "xen")
                .Element("instanceStorageSupported", false)
                .Structure("supportedUsageClasses", u => u.Element("item", "on-demand"))
                .Structure("supportedRootDeviceTypes", r => r.Element("item", "instance-store"))
                .Structure("supportedVirtualizationTypes", v => v.Element("item", "hvm"))
                .Structure("vCpuInfo", v => v.Element("defaultVCpus", t.Cpus))
                .Structure("memoryInfo", m => m.Element("sizeInMiB", t.MemoryMiB))
                .Structure("processorInfo", p => p.Structure("supportedArchitectures", a => a.Element("item", "x86_64"))));
            if (call.AtEucalyptusPath)
            {
                w.Set("instanceTypeDetails", types, WriteEucalyptusType, EucalyptusNamespace);
            }

            if (next is not null)
            {
                w.Element("nextToken", next);
            }
        });
    }

    private const int MaxTypesPerPage = 100;

    // EC2's first-generation families (t1, m1, m2, c1) are its previous generation; a site's own names count as current.
    private static bool IsCurrentGeneration(InstanceType t) =>
        !(t.Name.StartsWith("t1.", StringComparison.Ordinal) || t.Name.StartsWith("m1.", StringComparison.Ordinal)
          || t.Name.StartsWith("m2.", StringComparison.Ordinal) || t.Name.StartsWith("c1.", StringComparison.Ordinal));

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
