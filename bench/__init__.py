"""The benchmark and load test (`make bench`, docs/performance.md)."""
