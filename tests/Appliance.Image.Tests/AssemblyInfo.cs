// The package build publishes the whole appliance: one build at a time is enough for two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
