// The engine tests count GC.GetTotalAllocatedBytes, which is process-wide: a test class running beside them would add
// its own allocations to their count, so the classes of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
