using System.Buffers;
using System.Data.Common;
using Marten;
using Npgsql;
using Weasel.Core;
using ISerializer = Marten.ISerializer;

namespace StandardsCloud.Compute.Marten;

/// <summary>
/// Marten's serializer, except that a document read from a query row is deserialized in one
/// synchronous pass over its bytes. Npgsql has the whole row in memory by then, so the
/// asynchronous path (a stream fed to the streaming deserializer, which reads ahead and keeps a
/// resumable state for every property) only added work to every document a listing reads.
/// Everything else goes to the serializer it wraps.
/// </summary>
internal sealed class BufferedRowSerializer(ISerializer inner) : ISerializer
{
    public EnumStorage EnumStorage => inner.EnumStorage;

    public Casing Casing => inner.Casing;

    public ValueCasting ValueCasting => inner.ValueCasting;

    public ValueTask<T> FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken = default) =>
        new(inner.FromJson<T>(reader, index));

    public ValueTask<object> FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken = default) =>
        new(inner.FromJson(type, reader, index));

    public T FromJson<T>(DbDataReader reader, int index) => inner.FromJson<T>(reader, index);

    public object FromJson(Type type, DbDataReader reader, int index) => inner.FromJson(type, reader, index);

    public T FromJson<T>(Stream stream) => inner.FromJson<T>(stream);

    public object FromJson(Type type, Stream stream) => inner.FromJson(type, stream);

    public ValueTask<T> FromJsonAsync<T>(Stream stream, CancellationToken cancellationToken = default) =>
        inner.FromJsonAsync<T>(stream, cancellationToken);

    public ValueTask<object> FromJsonAsync(Type type, Stream stream, CancellationToken cancellationToken = default) =>
        inner.FromJsonAsync(type, stream, cancellationToken);

    public string ToJson(object? document) => inner.ToJson(document!);

    public void WriteTo(IBufferWriter<byte> writer, object? document) => inner.WriteTo(writer, document);

    public string ToCleanJson(object? document) => inner.ToCleanJson(document!);

    public void WriteToCleanJson(IBufferWriter<byte> writer, object? document) => inner.WriteToCleanJson(writer, document);

    public string ToJsonWithTypes(object document) => inner.ToJsonWithTypes(document);

    public void WriteToJsonWithTypes(IBufferWriter<byte> writer, object document) => inner.WriteToJsonWithTypes(writer, document);

    public void WriteToParameter(NpgsqlParameter parameter, object? document) => inner.WriteToParameter(parameter, document);

    public void WriteToParameter(DbParameter parameter, object? document) => inner.WriteToParameter(parameter, document);
}
