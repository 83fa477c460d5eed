"""OS edge: link and file-type registration, single instance, system paths, logs."""
