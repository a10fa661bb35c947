import numpy as np
import pytest


@pytest.mark.slow
def test_one_encoder_per_process_and_normalised_vectors():
    from briefing.encoder import get_encoder

    enc = get_encoder()
    assert get_encoder("auto", "cpu") is enc  # daily, train and the engine share one model
    v = enc.encode(["The council approved the budget.", "Rain is expected all week.", "The council passed the budget."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[2] > v[0] @ v[1]
