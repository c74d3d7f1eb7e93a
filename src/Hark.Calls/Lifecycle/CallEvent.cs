namespace Hark.Calls.Lifecycle;

/// <summary>One item in a call's inbox.</summary>
internal abstract record CallEvent;
