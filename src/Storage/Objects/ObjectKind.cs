namespace StandardsCloud.Storage.Objects;

/// <summary>What an object in the namespace is (CDMI 1.1.1 §5.8).</summary>
public enum ObjectKind
{
    Container,
    DataObject,
    Queue,

    /// <summary>A name that redirects to another URI (CDMI 1.1.1 §5.16).</summary>
    Reference,
}
