"""The NumPy runtime: the engine every blockbuilder network trains and runs on.

This is its front door: code outside runtime imports from here (and from runtime.datasets),
never from the modules inside. Imports only numpy, pydantic and the standard library
(see shared/DESIGN.md).
"""
from .check import (
    Problem, SpecError, final_activation, output_fuses_last_activation, parse_spec, parse_training, problems,
    shapes, training_mode, training_problems,
)
from .gradcheck import check_layer, check_loss, gradient_check, numerical_gradient
from .layers import (
    ACTIVATION_LAYERS, Affine, BatchNormalization, Dropout, Identity, IdentityWithLoss, LeakyRelu, Relu, Sigmoid,
    SigmoidWithLoss, Softmax, SoftmaxWithLoss, Step, StepWithLoss, Tanh, sigmoid, softmax,
)
from .messages import CATALOG, LANGS, Message, RuntimeProblem, msg, plain_number
from .metrics import accuracy, confusion_matrix, predicted_classes
from .network import Backward, Network, Trace
from .optimizers import SGD, AdaGrad, Adam, Momentum, RMSprop, make_optimizer
from .spec import (
    ACTIVATIONS, FEATURES, OPTIMIZERS, ActivationSpec, BatchNormSpec, DenseSpec, DropoutSpec, HandSetNeuron,
    InputSpec, NetworkSpec, OutputSpec, TrainingSpec,
)
from .trainer import EpochStats, Stop, StepResult, Trainer, train

__all__ = [
    # the contract: what a network is, and what makes one workable
    "ACTIVATIONS", "FEATURES", "OPTIMIZERS", "ActivationSpec", "BatchNormSpec", "DenseSpec", "DropoutSpec",
    "HandSetNeuron", "InputSpec", "NetworkSpec", "OutputSpec", "TrainingSpec",
    "Problem", "SpecError", "final_activation", "output_fuses_last_activation", "parse_spec", "parse_training",
    "problems", "shapes", "training_mode", "training_problems",
    # running and learning
    "Backward", "Network", "Trace", "Trainer", "train", "EpochStats", "Stop", "StepResult",
    "SGD", "AdaGrad", "Adam", "Momentum", "RMSprop", "make_optimizer",
    "accuracy", "confusion_matrix", "predicted_classes",
    # the book's layers, and the gradient check that is their oracle
    "ACTIVATION_LAYERS", "Affine", "BatchNormalization", "Dropout", "Identity", "IdentityWithLoss", "LeakyRelu", "Relu",
    "Sigmoid", "SigmoidWithLoss", "Softmax", "SoftmaxWithLoss", "Step", "StepWithLoss", "Tanh", "sigmoid",
    "softmax", "check_layer", "check_loss", "gradient_check", "numerical_gradient",
    # messages a person reads, in every language
    "CATALOG", "LANGS", "Message", "RuntimeProblem", "msg", "plain_number",
]
