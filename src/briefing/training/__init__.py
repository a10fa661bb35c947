"""Training the extractive head (``briefing train``) and the static sentence table
(``briefing train-encoder``). Nothing on the inference path imports this package."""
from briefing.training.config import TrainConfig
from briefing.training.data import read_rows
from briefing.training.fit import train

__all__ = ["TrainConfig", "read_rows", "train"]
