using System.Globalization;
using System.Xml.Linq;

namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>
/// What the daemon records inside each domain's <c>&lt;metadata&gt;</c>: the reboot generation it
/// last applied and the node that owns the domain. Keeping it in the domain itself means it
/// survives a daemon restart and disappears with the domain, with no state file to fall out of step.
/// </summary>
public static class DomainMetadata
{
    public const string NamespaceUri = "urn:standardscloud:node:1";
    public const string Prefix = "sc";

    private static readonly XNamespace Ns = NamespaceUri;

    /// <summary>The element as it sits under <c>&lt;metadata&gt;</c> in a domain definition.</summary>
    public static XElement Element(int rebootGeneration, string? owner) =>
        new(Ns + "node",
            new XAttribute("rebootGeneration", rebootGeneration.ToString(CultureInfo.InvariantCulture)),
            owner is null ? null : new XAttribute("owner", owner));

    /// <summary>The element text for virDomainSetMetadata, which adds the namespace itself.</summary>
    public static string ElementText(int rebootGeneration, string? owner) =>
        new XElement("node",
            new XAttribute("rebootGeneration", rebootGeneration.ToString(CultureInfo.InvariantCulture)),
            owner is null ? null : new XAttribute("owner", owner)).ToString(SaveOptions.DisableFormatting);

    /// <summary>The owning node from virDomainGetMetadata's answer; null when none is recorded or it is unreadable.</summary>
    public static string? ParseOwner(string xml)
    {
        try
        {
            return XElement.Parse(xml).Attribute("owner")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>Reads the generation from virDomainGetMetadata's answer; zero when absent or unreadable.</summary>
    public static int ParseRebootGeneration(string xml)
    {
        try
        {
            var value = XElement.Parse(xml).Attribute("rebootGeneration")?.Value;
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
                ? generation
                : 0;
        }
        catch (System.Xml.XmlException)
        {
            return 0;
        }
    }
}
