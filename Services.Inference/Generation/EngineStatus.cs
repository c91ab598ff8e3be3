namespace Kiln.Inference.Generation;

/// <summary>A moment's view of the engine's load.</summary>
public sealed record EngineStatus(int Slots, int BusySlots, int QueueDepth, int QueueCapacity)
{
    public int FreeSlots => Slots - BusySlots;
}
