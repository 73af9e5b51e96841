// The Detection module; see docs/architecture.md.
