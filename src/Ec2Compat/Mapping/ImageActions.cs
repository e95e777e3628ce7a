using StandardsCloud.Compute;
using StandardsCloud.Compute.Images;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>RegisterImage from a Marketplace entry and DeregisterImage, over the core's catalogue.</summary>
public sealed class ImageActions(ImageService images)
{
    // EC2 API reference, RegisterImage: ImageLocation is where the image lives; here it names a
    // Marketplace entry (identifier, identifier/email, or the entry's /metadata URL). Name is
    // required by the API; the image keeps its entry's title, which every user of it shares.
    public async Task<Ec2Result> RegisterImageAsync(Ec2Call call)
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

        var registered = await images.RegisterFromMarketplaceAsync(call.Actor, location, call.Cancellation);
        // Only administrators get here (Ec2Dispatcher.AdministratorsOnly); what the core refuses then is the entry, under the site's policy.
        return registered.IsOk
            ? call.Respond(w => w.Element("imageId", registered.Value!.Id))
            : Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, registered.Reason!);
    }

    public async Task<Ec2Result> DeregisterImageAsync(Ec2Call call)
    {
        if (call.Query.Get("ImageId") is not { Length: > 0 } imageId)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter ImageId");
        }

        if (!ResourceIds.IsWellFormed(imageId, ResourceIds.ImagePrefix))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdMalformed, $"Invalid id: \"{imageId}\" (expecting \"ami-...\")");
        }

        var removed = await images.DeregisterAsync(call.Actor, imageId, call.Cancellation);
        return removed.Status switch
        {
            ComputeStatus.Ok => call.Respond(w => w.Element("return", true)),
            ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, $"The image id '[{imageId}]' does not exist"),
            ComputeStatus.Forbidden => Ec2Dispatcher.Unauthorized(removed.Reason!),
            _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, removed.Reason!),
        };
    }
}
