"""briefing.cpu: the one reading of cores and $BRIEFING_THREADS."""
from briefing.cpu import env_threads, usable_cores


def test_env_threads_reads_the_variable_and_ignores_a_blank_one(monkeypatch):
    monkeypatch.delenv("BRIEFING_THREADS", raising=False)
    assert env_threads() is None
    monkeypatch.setenv("BRIEFING_THREADS", "  ")
    assert env_threads() is None  # the encoder's int('') used to raise here
    monkeypatch.setenv("BRIEFING_THREADS", "3")
    assert env_threads() == 3
    monkeypatch.setenv("BRIEFING_THREADS", "0")
    assert env_threads() == 1


def test_usable_cores_is_what_this_process_may_run_on():
    import os

    assert usable_cores() == len(os.sched_getaffinity(0)) >= 1
