using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Hark.Graph.Tests.Contracts;

/// <summary>The real SDK's JSON writer and parser, exactly as GraphServiceClient uses them.</summary>
internal static class SdkJson
{
    public static byte[] Write<T>(T body)
        where T : IParsable
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, body);
        using var content = writer.GetSerializedContent();
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    public static async Task<T?> ReadAsync<T>(byte[] json, ParsableFactory<T> factory)
        where T : IParsable
    {
        var node = await ReadNodeAsync(json);
        return node.GetObjectValue(factory);
    }

    /// <summary>The SDK's raw parse node, for shapes it has no model for (v5 has no commsNotifications).</summary>
    public static async Task<IParseNode> ReadNodeAsync(byte[] json)
    {
        using var stream = new MemoryStream(json);
        return await new JsonParseNodeFactory().GetRootParseNodeAsync("application/json", stream);
    }
}
