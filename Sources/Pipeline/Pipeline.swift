// The Pipeline module; see docs/architecture.md.
