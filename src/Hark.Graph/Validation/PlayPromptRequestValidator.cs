using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for playPrompt.</summary>
public static class PlayPromptRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(PlayPromptRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.Prompts(errors, request.Prompts, required: true, limits.MaxPromptsPlay, limits);
        GraphRules.ClientContext(errors, request.ClientContext, limits);
        return errors;
    }
}
