"""Load, browser and soak benchmarks for the recovery timeline app (run with ``python -m bench.run``)."""
