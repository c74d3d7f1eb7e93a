namespace Hark.Calls.Lifecycle;

/// <summary>Something the lifecycle decided; its owner carries decisions out in the order given.</summary>
public abstract record CallDecision;
