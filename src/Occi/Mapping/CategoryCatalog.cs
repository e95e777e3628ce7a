using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Collections;
using StandardsCloud.Compute.Images;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>
/// Every category one caller can see: the fixed vocabulary, an os_tpl mixin per image, a
/// resource_tpl mixin per instance type, and the caller's own mixins (their collections).
/// </summary>
public sealed class CategoryCatalog
{
    private readonly Dictionary<string, Category> _byIdentifier = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Category> _byLocation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Image> _images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstanceType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceCollection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CategoryId>> _memberships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CategoryId> _osTemplates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CategoryId> _resourceTemplates = new(StringComparer.Ordinal);
    private readonly string _osScheme;
    private readonly string _resourceScheme;

    public CategoryCatalog(OcciOptions options, IEnumerable<Image> images, IEnumerable<InstanceType> types, IEnumerable<ResourceCollection> collections)
    {
        _osScheme = options.TemplateSchemeBase + "os_tpl#";
        _resourceScheme = options.TemplateSchemeBase + "resource_tpl#";
        var all = new List<Category>();
        all.AddRange(Vocabulary.Kinds);
        all.AddRange(Vocabulary.Mixins);
        foreach (var image in images.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal))
        {
            var id = OsTemplateOf(image.Id);
            _images[id.Identifier] = image;
            _osTemplates[image.Id] = id;
            all.Add(new Mixin(id, image.Name, $"/mixin/os_tpl/{id.Term}/", [], [Vocabulary.OsTemplate], [Vocabulary.Compute], []));
        }

        foreach (var type in types)
        {
            var id = ResourceTemplateOf(type.Name);
            _types[id.Identifier] = type;
            _resourceTemplates[type.Name] = id;
            all.Add(new Mixin(id, $"{type.Name}: {type.Cpus} cores, {type.MemoryMiB / 1024.0:0.###} GiB", $"/mixin/resource_tpl/{id.Term}/",
            [
                new("occi.compute.cores", AttributeType.Number, Mutable: false, Default: OcciValue.Of(type.Cpus)),
                new("occi.compute.memory", AttributeType.Number, Mutable: false, Default: OcciValue.Of(type.MemoryMiB / 1024.0)),
            ], [Vocabulary.ResourceTemplate], [Vocabulary.Compute], []));
        }

        all.AddRange(Vocabulary.Actions);
        foreach (var collection in collections)
        {
            if (CategoryId.Parse(collection.Name) is { } id)
            {
                _collections[id.Identifier] = collection;
                foreach (var member in collection.Members)
                {
                    (_memberships.TryGetValue(member, out var of) ? of : _memberships[member] = []).Add(id);
                }

                all.Add(new Mixin(id, collection.Title ?? id.Term, collection.Location, [], [], [], []));
            }
        }

        foreach (var category in all)
        {
            _byIdentifier.TryAdd(category.Id.Identifier, category);
            var location = category switch { Kind k => k.Location, Mixin m => m.Location, _ => null };
            if (location is not null)
            {
                _byLocation.TryAdd(location, category);
            }
        }

        All = all;
    }

    public IReadOnlyList<Category> All { get; }

    public Category? Find(CategoryId id) => _byIdentifier.GetValueOrDefault(id.Identifier);

    /// <summary>The kind or mixin bound to a collection path (with its trailing slash).</summary>
    public Category? AtLocation(string path) => _byLocation.GetValueOrDefault(path);

    public Image? ImageOf(CategoryId id) => _images.GetValueOrDefault(id.Identifier);

    public InstanceType? TypeOf(CategoryId id) => _types.GetValueOrDefault(id.Identifier);

    public ResourceCollection? CollectionOf(CategoryId id) => _collections.GetValueOrDefault(id.Identifier);

    /// <summary>The caller's own mixins <paramref name="resourceId"/> belongs to.</summary>
    public IReadOnlyList<CategoryId> MixinsOf(string resourceId) => _memberships.TryGetValue(resourceId, out var of) ? of : [];

    // A listing names the same few templates thousands of times: those of the catalogue are made once.
    public CategoryId OsTemplateOf(string imageId) => _osTemplates.TryGetValue(imageId, out var id) ? id : new(_osScheme, imageId);

    // Terms allow letters, digits, '-' and '_' (GFD.229 §3.1): a type's dots become underscores.
    public CategoryId ResourceTemplateOf(string typeName) =>
        _resourceTemplates.TryGetValue(typeName, out var id) ? id : new(_resourceScheme, typeName.Replace('.', '_'));
}
