using System.Runtime.CompilerServices;

// The TestKit drives the implicit sender of test threads and unwraps probes into kernel refs.
[assembly: InternalsVisibleTo("GossipActors.TestKit")]
