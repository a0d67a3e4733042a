"""Sub-commands of ``jixiao``; each module has ``register(subparsers)``."""
