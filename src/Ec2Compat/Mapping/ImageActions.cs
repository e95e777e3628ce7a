using StandardsCloud.Compute;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>RegisterImage from a Marketplace entry, CreateImage from an instance, and DeregisterImage, over the core's catalogue.</summary>
public sealed class ImageActions(ImageService images, InstanceService instances, InstanceLookup lookup)
{
    // EC2 API reference, CreateImage: Name is 3 to 128 characters of letters, digits, ( ) [ ] space . / - ' @ _
    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()[] ./-'@_");

    // EC2 API reference, CreateImage: the image is made from the instance's disk. The copy is taken
    // while the guest runs (crash-consistent), whether or not NoReboot is set: the instance is never
    // rebooted. The image is pending until its host has written it.
    public async Task<Ec2Change> CreateImageAsync(Ec2Call call)
    {
        if (call.Query.Get("Name") is not { } name)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Name");
        }

        if (name.Length is < 3 or > 128 || name.AsSpan().ContainsAnyExcept(NameCharacters))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAmiNameMalformed,
                "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, spaces and ( ) [ ] . / - ' @ _");
        }

        var (instance, error) = await lookup.FindOneAsync(call);
        if (instance is null)
        {
            return error!;
        }

        var description = call.Query.Get("Description");
        if (description is { Length: > ImageAttributes.MaxDescriptionLength })
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"A description has at most {ImageAttributes.MaxDescriptionLength} characters");
        }

        return Ec2Change.To(async () =>
        {
            var saved = await instances.SaveDiskAsync(call.Actor, instance.Id, name, deferred: false, call.Cancellation);
            if (saved.IsOk && description is { Length: > 0 })
            {
                await images.ChangeAttributesAsync(call.Actor, saved.Value!.Id, description, null, call.Cancellation);
            }

            return saved.Status switch
            {
                ComputeStatus.Ok => call.Respond(w => w.Element("imageId", saved.Value!.Id)),
                ComputeStatus.Duplicate => Ec2Result.Fail(Ec2ErrorCode.InvalidAmiNameDuplicate, $"AMI name {name} is already in use by an AMI of this account"),
                _ => InstanceLookup.Refused(saved),
            };
        });
    }

    // EC2 API reference, RegisterImage: ImageLocation is where the image lives; here it names a
    // Marketplace entry (identifier, identifier/email, or the entry's /metadata URL). Name is
    // required by the API; the image keeps its entry's title, which every user of it shares.
    public Ec2Change RegisterImage(Ec2Call call)
    {
        if (call.Query.Get("Name") is not { Length: > 0 })
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Name");
        }

        if (call.Query.Get("ImageLocation") is not { Length: > 0 } location)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter,
                "The request must contain the parameter ImageLocation (a Marketplace identifier, identifier/email, or entry URL)");
        }

        return Ec2Change.To(async () =>
        {
            var registered = await images.RegisterFromMarketplaceAsync(call.Actor, location, call.Cancellation);
            // Only administrators get here (Ec2Dispatcher.AdministratorsOnly); what the core refuses then is the entry, under the site's policy.
            return registered.IsOk
                ? call.Respond(w => w.Element("imageId", registered.Value!.Id))
                : Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, registered.Reason!);
        });
    }

    public async Task<Ec2Change> DeregisterImageAsync(Ec2Call call)
    {
        if (call.Query.Get("ImageId") is not { Length: > 0 } imageId)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter ImageId");
        }

        if (!ResourceIds.IsWellFormed(imageId, ResourceIds.ImagePrefix))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdMalformed, $"Invalid id: \"{imageId}\" (expecting \"ami-...\")");
        }

        var found = await images.GetAsync(call.Actor, imageId, call.Cancellation);
        if ((found.IsOk ? ImageService.DeregistrationRefusal(call.Actor, found.Value!) : found) is { } refused)
        {
            return Refused(imageId, refused);
        }

        return Ec2Change.To(async () =>
        {
            var removed = await images.DeregisterAsync(call.Actor, imageId, call.Cancellation);
            return removed.IsOk ? call.Respond(w => w.Element("return", true)) : Refused(imageId, removed);
        });
    }

    private static Ec2Result Refused(string imageId, Outcome<Image> refused) => refused.Status switch
    {
        ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, $"The image id '[{imageId}]' does not exist"),
        // EC2 answers a deregistration of another account's image with AuthFailure.
        ComputeStatus.Forbidden => Ec2Result.Fail(Ec2ErrorCode.AuthFailure, $"Not authorized for image:{imageId}. {refused.Reason}"),
        _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, refused.Reason!),
    };
}
