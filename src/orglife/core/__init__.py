"""The base every app stands on: domain errors, upload checks, the clock. Imports no app."""
