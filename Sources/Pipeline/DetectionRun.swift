import Report

/// The outcome of ``Pipeline/run(before:after:parameters:landMask:toolVersion:)``: the
/// document to write (events, vessels with `allVessels`, run description) and a summary.
public struct DetectionRun: Sendable {
    public var document: FeatureCollectionDocument
    public var summary: RunSummary
    /// Every vessel found, per capture, in the reference grid (for tests and tools).
    public var observations: [VesselObservation]
    /// Renders quicklook chips of the events from the run's captures and alignment.
    public var quicklook: QuicklookRenderer
}
