// Each scenario class is its own collection with its own host; they mostly wait on real-time audio, so
// several run at once, but not so many that real-time RTP (SIP tests) starves on a 2-core machine.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
