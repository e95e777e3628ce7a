namespace StandardsCloud.Occi.Wire;

/// <summary>A category's identity: scheme and term, whose concatenation is its type identifier (GFD.221 §4.4.1).</summary>
public readonly record struct CategoryId
{
    public CategoryId(string scheme, string term)
    {
        Scheme = scheme;
        Term = term;
        // Made once: renderings write the identifier of every kind, mixin and action they name.
        Identifier = scheme + term;
    }

    public string Scheme { get; }

    public string Term { get; }

    public string Identifier { get; }

    public void Deconstruct(out string scheme, out string term) => (scheme, term) = (Scheme, Term);

    public override string ToString() => Identifier;

    /// <summary>Splits a type identifier after its last '#': <c>http://…/infrastructure#compute</c>.</summary>
    public static CategoryId? Parse(string identifier)
    {
        var hash = identifier.LastIndexOf('#');
        return hash <= 0 || hash == identifier.Length - 1 ? null : new CategoryId(identifier[..(hash + 1)], identifier[(hash + 1)..]);
    }
}

/// <summary>The three sorts of category (GFD.221 §4.4).</summary>
public enum CategoryClass
{
    Kind,
    Mixin,
    Action,
}
