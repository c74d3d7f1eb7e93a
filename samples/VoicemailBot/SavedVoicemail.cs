namespace Hark.Samples.Voicemail;

/// <summary>A recording the bot downloaded and wrote to disk.</summary>
public sealed record SavedVoicemail(string CallId, string OperationId, string Path);
