// The PNGIO module; see docs/architecture.md.
