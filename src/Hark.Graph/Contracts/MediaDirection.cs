using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>mediaDirection</c> of a media stream.</summary>
[JsonConverter(typeof(GraphEnumConverter<MediaDirection>))]
public enum MediaDirection
{
    Inactive,
    SendOnly,
    ReceiveOnly,
    SendReceive,
}
