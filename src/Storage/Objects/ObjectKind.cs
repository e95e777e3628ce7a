namespace StandardsCloud.Storage.Objects;

/// <summary>What an object in the namespace is (CDMI 1.1.1 §5.1).</summary>
public enum ObjectKind
{
    Container,
    DataObject,
    Queue,

    /// <summary>A name that redirects to another URI (CDMI 1.1.1 §7.2).</summary>
    Reference,
}
