namespace Hark.Calls.Media;

/// <summary>Something the media engine decided; read with <see cref="CallMediaProcessor.TryRead"/>.</summary>
public abstract record MediaEvent;
