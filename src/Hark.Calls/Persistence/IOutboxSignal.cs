namespace Hark.Calls.Persistence;

/// <summary>Wakes the webhook delivery loop when new notifications were saved, so it need not poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}
