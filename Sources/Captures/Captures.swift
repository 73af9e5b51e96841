// The Captures module; see docs/architecture.md.
