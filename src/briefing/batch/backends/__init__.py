"""Backends: ``local`` (this process or a process pool) and ``ray`` (Ray Data)."""
