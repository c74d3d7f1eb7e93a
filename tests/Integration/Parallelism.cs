// Each scenario class is its own collection with its own host; they mostly wait on real-time audio,
// so run many at once rather than one per core.
[assembly: CollectionBehavior(MaxParallelThreads = 16)]
