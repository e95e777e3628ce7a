namespace StandardsCloud.Marketplace.Rdf;

/// <summary>The XML namespaces of a StratusLab metadata entry and of XML Signature.</summary>
public static class Vocabulary
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string DcTerms = "http://purl.org/dc/terms/";
    public const string SlReq = "http://mp.stratuslab.eu/slreq#";
    public const string SlTerms = "http://mp.stratuslab.eu/slterms#";
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>The base StratusLab writes on the root, against which <c>rdf:about="#id"</c> resolves.</summary>
    public const string Base = "http://mp.stratuslab.eu/";
}
