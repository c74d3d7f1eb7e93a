using System.Text.Json;
using Hark.Calls.Media;

namespace Hark.Graph.Contracts;

/// <summary>The <c>completionReason</c> Graph writes for a finished media operation.</summary>
public static class CompletionReasonNames
{
    /// <summary>
    /// The engine's reasons carry Graph's names, so the wire name is the lowerCamel form, as every Graph
    /// enum is written (<see cref="GraphEnumConverter{TEnum}"/>). For a playPrompt or sendDtmfTones Graph names cancellation
    /// <c>mediaOperationCanceled</c>; records use <c>operationCanceled</c>. <c>callerHungUp</c> is Hark's own.
    /// </summary>
    public static string For(MediaCompletionReason reason, MediaOperationKind kind)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, null);
        }

        return reason == MediaCompletionReason.OperationCanceled && kind is MediaOperationKind.PlayPrompt or MediaOperationKind.SendDtmfTones
            ? "mediaOperationCanceled"
            : JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());
    }
}
