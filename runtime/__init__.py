"""The NumPy runtime: the engine every blockbuilder network trains and runs on.

Imports only numpy, pydantic and the standard library (see shared/DESIGN.md).
"""
from .check import Problem, SpecError, parse_spec, parse_training, problems, shapes, training_mode, training_problems
from .gradcheck import check_layer, check_loss, gradient_check, numerical_gradient
from .messages import LANGS, Message, RuntimeProblem
from .network import Network, Trace
from .optimizers import SGD, AdaGrad, Adam, Momentum, RMSprop, make_optimizer
from .spec import (
    ActivationSpec, BatchNormSpec, DenseSpec, DropoutSpec, HandSetNeuron, InputSpec, NetworkSpec, OutputSpec,
    TrainingSpec,
)
from .trainer import EpochStats, Stop, StepResult, Trainer, train

__all__ = [
    "Problem", "SpecError", "parse_spec", "parse_training", "problems", "shapes", "training_mode",
    "training_problems", "check_layer", "check_loss", "gradient_check", "numerical_gradient", "LANGS",
    "Message", "RuntimeProblem", "Network", "Trace", "SGD", "AdaGrad", "Adam", "Momentum", "RMSprop",
    "make_optimizer", "ActivationSpec", "BatchNormSpec", "DenseSpec", "DropoutSpec", "HandSetNeuron",
    "InputSpec", "NetworkSpec", "OutputSpec", "TrainingSpec", "EpochStats", "Stop", "StepResult",
    "Trainer", "train",
]
