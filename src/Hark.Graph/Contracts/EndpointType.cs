using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>endpointType</c> of a participant.</summary>
[JsonConverter(typeof(GraphEnumConverter<EndpointType>))]
public enum EndpointType
{
    Default,
    Voicemail,
    SkypeForBusiness,
    SkypeForBusinessVoipPhone,
    UnknownFutureValue,
}
