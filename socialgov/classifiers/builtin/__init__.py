"""The built-in classifiers, one module per family; the registry imports each only when enabled."""
