using System.Net.Http.Headers;
using System.Text;
using StandardsCloud.CloudKit;
using StandardsCloud.Server.Configuration;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>A whole cloud whose CDMI port the tests talk to over real HTTP.</summary>
public class CdmiSite : CloudFixture
{
    /// <summary>A CDMI JSON body limit small enough to reach in a test.</summary>
    public const long MaxJsonBytes = 256 * 1024;

    protected virtual bool CreateParents => false;

    protected override ServerSettings Adjust(ServerSettings settings) =>
        settings with { CdmiCreateParents = CreateParents, CdmiMaxJsonBytes = MaxJsonBytes };

    /// <summary>A CDMI client signed in as the administrator.</summary>
    public HttpClient Cdmi() => Cdmi(Admin.User, Admin.Password);

    /// <summary>A CDMI client signed in as <paramref name="user"/> (anonymous when null).</summary>
    public HttpClient Cdmi(string? user, string? password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = CdmiAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    /// <summary>Makes a user and returns a CDMI client for them.</summary>
    public async Task<HttpClient> CdmiUserAsync(string name)
    {
        using var _ = await NewUserAsync(name);
        return Cdmi(name, "pw-" + name + "-0123");
    }

    /// <summary>A name no other test of the site uses.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>A site that creates missing parent containers (the cdmi.createParents option).</summary>
public sealed class CreateParentsSite : CdmiSite
{
    protected override bool CreateParents => true;
}
