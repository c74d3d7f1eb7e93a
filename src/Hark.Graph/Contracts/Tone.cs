using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>tone</c>: DTMF keys plus flash.</summary>
[JsonConverter(typeof(GraphEnumConverter<Tone>))]
public enum Tone
{
    Tone0,
    Tone1,
    Tone2,
    Tone3,
    Tone4,
    Tone5,
    Tone6,
    Tone7,
    Tone8,
    Tone9,
    Star,
    Pound,
    A,
    B,
    C,
    D,
    Flash,
}
