// Lab tests measure failover timing on a shared CPU: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
