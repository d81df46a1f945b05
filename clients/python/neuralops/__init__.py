"""NeuralOps client, standard library only: ``from neuralops import NeuralOpsClient``."""
from .client import NeuralOpsClient, NeuralOpsError, log_run

__all__ = ["NeuralOpsClient", "NeuralOpsError", "log_run"]
__version__ = "0.1.0"
