#!/usr/bin/python3
"""Generates optviz's PyTorch reference trajectories: tests/reference/torch/.

Run it by hand, from anywhere, with Debian's PyTorch (package python3-torch, PyTorch 1.13):

    /usr/bin/python3 tests/reference/generate_torch.py

It rewrites tests/reference/torch/*.csv and manifest.json (README.md there is written by hand and
explains the files). The test suite never runs it: it reads the files it wrote.

Every case is computed twice, in float64:
  1. by PyTorch: gradients by autograd, updates by torch.optim where PyTorch has the rule
     ("source": "torch"), else by the rule written in torch tensor operations ("source":
     "formula": NAdam as in PyTorch 2, Lion, eps inside the square root, Adam without bias
     correction). This is what the CSV files hold.
  2. by plain Python floats: hand-written gradients, each rule in its textbook order.
The two must agree below AGREEMENT in the comparison metric of the README (the one the tests
use); within the first EARLY_ROWS rows below EARLY_AGREEMENT, or a rule is wrong.

A trajectory that amplifies rounding would make the tests measure chaos, not the implementation. So
each case is cut to the longest prefix (at least MIN_CUT_STEPS steps) on which
  - torch and the plain implementation agree below CUT_AT, and
  - the plain trajectory from a start moved by a relative PERTURBATION deviates below SENSITIVE: an
    amplification of at most 1e4, which keeps rounding differences (1e-16) far below the tests'
    tolerance. A start where the gradient is exactly 0 is an exact case and is not perturbed.

generate_torch_data.py builds on this script for losses from data and learning-rate schedules: a
Case gives the trajectories its objective, its learning rate, its command line and its manifest
entry, and that script's cases override them.
"""
import copy
import json
import math
import pathlib
import sys

import torch

OUT_DIR = pathlib.Path(__file__).resolve().parent / "torch"
RTOL = 1e-9  # the tests' tolerance
AGREEMENT = 1e-11
EARLY_ROWS = 10
EARLY_AGREEMENT = 1e-12
CUT_AT = 1e-12
PERTURBATION = 1e-13
SENSITIVE = 1e-9
MIN_CUT_STEPS = 40
BOUND = 1e12  # |x| or |y| beyond this ends a run

# ---------------------------------------------------------------------------------------------
# Test functions, twice: in torch operations (differentiated by autograd) and in plain Python
# with hand-written gradients.

PI = math.pi


def torch_value(name, x, y):
    cos, exp, sqrt = torch.cos, torch.exp, torch.sqrt
    if name == "rosenbrock":
        return (1 - x) ** 2 + 100 * (y - x**2) ** 2
    if name == "beale":
        return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2
    if name == "himmelblau":
        return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2
    if name == "booth":
        return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2
    if name == "rastrigin":
        return 20 + x**2 - 10 * cos(2 * PI * x) + y**2 - 10 * cos(2 * PI * y)
    if name == "ackley":
        return (-20 * exp(-0.2 * sqrt(0.5 * (x**2 + y**2))) - exp(0.5 * (cos(2 * PI * x) + cos(2 * PI * y)))
                + math.e + 20)
    if name == "goldstein_price":
        return ((1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x**2 - 14 * y + 6 * x * y + 3 * y**2))
                * (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x**2 + 48 * y - 36 * x * y + 27 * y**2)))
    if name == "saddle":
        return x**2 - y**2
    if name == "quadratic":
        return 0.5 * (x**2 + 25 * y**2)
    if name == "six_hump_camel":
        return (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2
    if name == "styblinski_tang":
        return 0.5 * (x**4 - 16 * x**2 + 5 * x + y**4 - 16 * y**2 + 5 * y)
    if name == "matyas":
        return 0.26 * (x**2 + y**2) - 0.48 * x * y
    raise KeyError(name)


def torch_value_and_gradient(name, theta):
    """f and its gradient at theta (a leaf tensor of two float64), by autograd."""
    with torch.enable_grad():
        p = theta.detach().clone().requires_grad_(True)
        value = torch_value(name, p[0], p[1])
        (gradient,) = torch.autograd.grad(value, p)
    if name == "ackley" and p[0].item() == 0 and p[1].item() == 0:
        gradient = torch.zeros(2, dtype=torch.float64)  # the convention at the kink: 0
    return value.item(), gradient


def plain_value_and_gradient(name, x, y):
    """f and its gradient, differentiated by hand; powers as products, so an overflow gives inf."""
    if name == "rosenbrock":
        a, b = 1 - x, y - x * x
        return a * a + 100 * b * b, (-2 * a - 400 * x * b, 200 * b)
    if name == "beale":
        y2 = y * y
        a, b, c = 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y2 * y
        gx = 2 * a * (y - 1) + 2 * b * (y2 - 1) + 2 * c * (y2 * y - 1)
        gy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y2
        return a * a + b * b + c * c, (gx, gy)
    if name == "himmelblau":
        a, b = x * x + y - 11, x + y * y - 7
        return a * a + b * b, (4 * x * a + 2 * b, 2 * a + 4 * y * b)
    if name == "booth":
        a, b = x + 2 * y - 7, 2 * x + y - 5
        return a * a + b * b, (2 * a + 4 * b, 4 * a + 2 * b)
    if name == "rastrigin":
        value = 20 + x * x - 10 * math.cos(2 * PI * x) + y * y - 10 * math.cos(2 * PI * y)
        return value, (2 * x + 20 * PI * math.sin(2 * PI * x), 2 * y + 20 * PI * math.sin(2 * PI * y))
    if name == "ackley":
        r = math.sqrt(0.5 * (x * x + y * y))
        bowl = -20 * math.exp(-0.2 * r)
        ripple = math.exp(0.5 * (math.cos(2 * PI * x) + math.cos(2 * PI * y)))
        # d bowl / dx = -20 exp(-0.2 r) (-0.2) (0.5 x / r) = 2 exp(-0.2 r) x / r; 0 at the origin
        radial = 2 * math.exp(-0.2 * r) / r if r > 0 else 0.0
        gx = radial * x + ripple * PI * math.sin(2 * PI * x)
        gy = radial * y + ripple * PI * math.sin(2 * PI * y)
        return bowl - ripple + math.e + 20, (gx, gy)
    if name == "goldstein_price":
        s = x + y + 1
        p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
        d = 2 * x - 3 * y
        q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
        a, b = 1 + s * s * p, 30 + d * d * q
        da_dx = 2 * s * p + s * s * (-14 + 6 * x + 6 * y)
        da_dy = 2 * s * p + s * s * (-14 + 6 * x + 6 * y)
        db_dx = 2 * d * 2 * q + d * d * (-32 + 24 * x - 36 * y)
        db_dy = 2 * d * -3 * q + d * d * (48 - 36 * x + 54 * y)
        return a * b, (da_dx * b + a * db_dx, da_dy * b + a * db_dy)
    if name == "saddle":
        return x * x - y * y, (2 * x, -2 * y)
    if name == "quadratic":
        return 0.5 * (x * x + 25 * y * y), (x, 25 * y)
    if name == "six_hump_camel":
        x2, y2 = x * x, y * y
        value = (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2
        return value, (8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y2 * y)
    if name == "styblinski_tang":
        value = 0.5 * (x * x * x * x - 16 * x * x + 5 * x + y * y * y * y - 16 * y * y + 5 * y)
        return value, (2 * x * x * x - 16 * x + 2.5, 2 * y * y * y - 16 * y + 2.5)
    if name == "matyas":
        return 0.26 * (x * x + y * y) - 0.48 * x * y, (0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x)
    raise KeyError(name)


FUNCTIONS = ["rosenbrock", "beale", "himmelblau", "booth", "rastrigin", "ackley", "goldstein_price", "saddle",
             "quadratic", "six_hump_camel", "styblinski_tang", "matyas"]

# ---------------------------------------------------------------------------------------------
# Optimizers: the hyperparameters each takes, in the order of the manifest and the command line,
# with the defaults of optviz (PyTorch's, and eta 0.01 for the sgd family).

HYPER = {
    "sgd": {"eta": 0.01, "weight_decay": 0.0},
    "momentum": {"eta": 0.01, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0},
    "nesterov": {"eta": 0.01, "momentum": 0.9, "weight_decay": 0.0},
    "adagrad": {"eta": 0.01, "lr_decay": 0.0, "initial_accumulator": 0.0, "eps": 1e-10, "weight_decay": 0.0,
                "eps_inside_sqrt": False},
    "rmsprop": {"eta": 0.01, "rho": 0.99, "eps": 1e-8, "momentum": 0.0, "centered": False, "weight_decay": 0.0,
                "eps_inside_sqrt": False},
    "adam": {"eta": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "amsgrad": False, "weight_decay": 0.0,
             "bias_correction": True, "eps_inside_sqrt": False},
    "adamw": {"eta": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "amsgrad": False, "weight_decay": 0.01},
    "adadelta": {"eta": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0},
    "adamax": {"eta": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "nadam": {"eta": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "momentum_decay": 4e-3, "weight_decay": 0.0},
    "lion": {"eta": 1e-4, "beta1": 0.9, "beta2": 0.99, "weight_decay": 0.0},
}

# Command-line flags of the boolean conventions: (flag, the value the flag sets).
FLAGS = {"centered": ("--centered", True), "amsgrad": ("--amsgrad", True),
         "eps_inside_sqrt": ("--eps-inside-sqrt", True), "bias_correction": ("--no-bias-correction", False)}


def state_columns(optimizer, h):
    """The state fields optviz prints for this configuration, in its order."""
    if optimizer == "sgd":
        return []
    if optimizer in ("momentum", "nesterov"):
        return ["buf"]
    if optimizer == "adagrad":
        return ["G", "lr"]
    if optimizer == "rmsprop":
        return ["G"] + (["gavg"] if h["centered"] else []) + (["buf"] if h["momentum"] > 0 else []) + ["lr"]
    if optimizer in ("adam", "adamw"):
        return ["m", "v"] + (["vmax"] if h["amsgrad"] else []) + ["lr"]
    if optimizer == "adamax":
        return ["m", "u", "lr"]
    if optimizer == "adadelta":
        return ["G", "D", "lr"]
    if optimizer == "nadam":
        return ["m", "v", "lr"]
    if optimizer == "lion":
        return ["m"]
    raise KeyError(optimizer)


def source_of(optimizer, h):
    """The case's source: "torch" when torch.optim has the rule with this convention, else "formula"."""
    if optimizer in ("nadam", "lion") or h.get("eps_inside_sqrt") or not h.get("bias_correction", True):
        return "formula"
    return "torch"


# ---------------------------------------------------------------------------------------------
# The cases: ours, chosen to cover every optimizer, convention, edge and test function.


class Case:
    """One trajectory: a test function, an optimizer with its hyperparameters, a start and a step count.

    The trajectories below ask a case for its objective, its learning rate and its command line, so
    that generate_torch_data.py can give them a loss from data and a learning-rate schedule.
    """

    def __init__(self, name, function, optimizer, start, steps, note="", **hyper):
        unknown = set(hyper) - set(HYPER[optimizer])
        if unknown:
            raise ValueError("%s: %s does not take %s" % (name, optimizer, sorted(unknown)))
        self.name, self.function, self.optimizer = name, function, optimizer
        self.start, self.steps, self.note = [float(start[0]), float(start[1])], steps, note
        self.hyper = {k: (type(v)(hyper.get(k, v))) for k, v in HYPER[optimizer].items()}

    def torch_objective(self, param, k):
        """f at theta_k = param and the gradient that update k + 1 uses, by autograd."""
        return torch_value_and_gradient(self.function, param)

    def plain_objective(self, x, y, k):
        return plain_value_and_gradient(self.function, x, y)

    def torch_scheduler(self, rule, steps):
        """The torch.optim.lr_scheduler that sets each update's learning rate, stepped after it; or None."""
        return None

    def plain_eta(self, t, steps):
        """The learning rate of update t of a run of `steps` updates."""
        return self.hyper["eta"]

    def command_line(self):
        return (["run", "--function", self.function, "--optimizer", self.optimizer] + hyper_args(self.hyper)
                + start_and_steps_args(self))

    def manifest_entry(self, rows, diverged_at, err, note):
        return {
            "name": self.name, "function": self.function, "optimizer": self.optimizer, "hyper": self.hyper,
            "start": self.start, "steps": self.steps, "rows": len(rows), "diverged_at": diverged_at,
            "source": source_of(self.optimizer, self.hyper), "rtol": RTOL, "independent_err": float("%.3g" % err),
            "file": self.name + ".csv", "args": self.command_line(), "note": note,
        }


CASES = [
    # sgd
    Case("sgd_himmelblau", "himmelblau", "sgd", (0.5, 4.0), 150, eta=0.005),
    Case("sgd_matyas_weight_decay", "matyas", "sgd", (-7.0, 4.0), 200, eta=0.3, weight_decay=0.05),
    Case("sgd_ackley", "ackley", "sgd", (0.4, 0.9), 150, eta=0.002),
    Case("sgd_booth_diverges", "booth", "sgd", (4.0, -2.0), 60, "eta = 0.2: the Hessian's eigenvalue 18 makes "
         "the error grow by 2.6 a step until |x| > 1e12", eta=0.2),
    # momentum
    Case("momentum_booth_dampening", "booth", "momentum", (8.0, -7.0), 250, eta=0.005, momentum=0.95,
         dampening=0.3),
    Case("momentum_styblinski_weight_decay", "styblinski_tang", "momentum", (3.5, -4.0), 200, eta=0.01,
         momentum=0.7, weight_decay=0.2),
    Case("momentum_camel_heavy_dampening", "six_hump_camel", "momentum", (1.2, -0.6), 200, eta=0.01,
         momentum=0.5, dampening=0.9),
    Case("momentum_quadratic_diverges", "quadratic", "momentum", (-2.0, 1.0), 200, "eta 25 = 5 exceeds "
         "2 (1 + mu) = 3.8 on the y axis", eta=0.2, momentum=0.9),
    # nesterov
    Case("nesterov_rosenbrock", "rosenbrock", "nesterov", (0.2, -0.8), 250, eta=0.0008, momentum=0.85),
    Case("nesterov_beale_weight_decay", "beale", "nesterov", (2.5, -0.5), 200, eta=0.005, weight_decay=0.01),
    Case("nesterov_rastrigin", "rastrigin", "nesterov", (-1.2, 0.7), 150, eta=0.0015, momentum=0.8),
    # adagrad
    Case("adagrad_beale", "beale", "adagrad", (-1.0, -1.5), 250, eta=0.3),
    Case("adagrad_rosenbrock_lr_decay", "rosenbrock", "adagrad", (0.5, 2.5), 250, eta=0.8, lr_decay=0.05),
    Case("adagrad_camel_initial_accumulator_weight_decay", "six_hump_camel", "adagrad", (0.6, 1.1), 200, eta=0.2,
         initial_accumulator=0.5, weight_decay=0.02),
    Case("adagrad_goldstein_eps_inside", "goldstein_price", "adagrad", (0.6, -0.3), 200, "eta g / sqrt(G + eps)",
         eta=0.05, eps=1e-4, eps_inside_sqrt=True),
    Case("adagrad_quadratic_eps_inside_decay_init", "quadratic", "adagrad", (-2.2, 1.3), 150, eta=0.5,
         lr_decay=0.02, initial_accumulator=0.1, eps=0.01, eps_inside_sqrt=True),
    Case("adagrad_booth_at_minimum_eps0", "booth", "adagrad", (1.0, 3.0), 5, "g = 0, G = 0 and eps = 0: the "
         "first update is 0/0", eps=0.0),
    # rmsprop
    Case("rmsprop_matyas", "matyas", "rmsprop", (-9.0, -3.0), 200, eta=0.02, rho=0.95),
    Case("rmsprop_goldstein_centered", "goldstein_price", "rmsprop", (0.3, -1.6), 200, eta=0.003, rho=0.8,
         centered=True),
    Case("rmsprop_styblinski_momentum", "styblinski_tang", "rmsprop", (-1.0, 4.0), 200, eta=0.005, rho=0.9,
         momentum=0.6),
    Case("rmsprop_rastrigin_centered_momentum_weight_decay", "rastrigin", "rmsprop", (0.8, -0.4), 150, eta=0.001,
         rho=0.95, momentum=0.3, centered=True, weight_decay=0.05),
    Case("rmsprop_himmelblau_eps_inside", "himmelblau", "rmsprop", (2.0, -3.0), 200, "eta g / sqrt(G + eps)",
         eta=0.03, rho=0.85, eps=1e-3, eps_inside_sqrt=True),
    Case("rmsprop_camel_centered_eps_inside_momentum", "six_hump_camel", "rmsprop", (0.9, 0.3), 120, eta=0.002,
         rho=0.9, momentum=0.4, centered=True, eps=1e-6, eps_inside_sqrt=True),
    Case("rmsprop_saddle_rho0", "saddle", "rmsprop", (-0.513, 0.2), 80, "rho = 0: G = g^2, each step is nearly "
         "eta sign(g)", eta=0.02, rho=0.0),
    Case("rmsprop_camel_rho1_diverges", "six_hump_camel", "rmsprop", (0.5, 0.5), 20, "rho = 1 keeps G = 0: "
         "the steps are eta g / eps", eta=1e-3, rho=1.0, eps=1e-6),
    Case("rmsprop_ackley_eps0", "ackley", "rmsprop", (0.3, -0.2), 100, eta=0.003, rho=0.9, eps=0.0),
    # adam
    Case("adam_himmelblau", "himmelblau", "adam", (-4.0, 4.0), 250, eta=0.1),
    Case("adam_styblinski_amsgrad", "styblinski_tang", "adam", (4.0, 4.5), 200, eta=0.05, beta2=0.99,
         amsgrad=True),
    Case("adam_goldstein_weight_decay", "goldstein_price", "adam", (-1.2, 1.4), 200, eta=0.01, weight_decay=0.05),
    Case("adam_booth_eps_inside", "booth", "adam", (-3.5, 8.5), 200, "sqrt(v / (1 - b2^t) + eps)", eta=0.2,
         eps=1e-6, eps_inside_sqrt=True),
    Case("adam_camel_no_bias_correction", "six_hump_camel", "adam", (1.0, -1.0), 200, "m and v without the "
         "1 - b^t factors", eta=0.01,
         bias_correction=False),
    Case("adam_quadratic_amsgrad_eps_inside_no_bias_correction", "quadratic", "adam", (1.8, -1.1), 200, eta=0.05,
         beta1=0.8, beta2=0.95, eps=1e-4, amsgrad=True, bias_correction=False, eps_inside_sqrt=True),
    Case("adam_rastrigin_beta2_zero", "rastrigin", "adam", (1.1, 0.35), 150, "beta2 = 0: v = g^2", eta=0.01,
         beta2=0.0),
    Case("adam_himmelblau_at_minimum", "himmelblau", "adam", (3.0, 2.0), 10, "g = 0 at a minimum: m = v = 0, "
         "no move"),
    Case("adam_himmelblau_at_minimum_eps0", "himmelblau", "adam", (3.0, 2.0), 10, "g = 0 and eps = 0: the first "
         "update is 0/0", eps=0.0),
    Case("adam_matyas_eps0", "matyas", "adam", (6.0, 2.0), 150, eta=0.05, eps=0.0),
    # adamw
    Case("adamw_rosenbrock_amsgrad", "rosenbrock", "adamw", (-0.5, -1.0), 250, eta=0.02, amsgrad=True,
         weight_decay=0.3),
    Case("adamw_matyas", "matyas", "adamw", (5.0, 9.0), 200, eta=0.05),
    Case("adamw_beale_strong_decay", "beale", "adamw", (-2.0, 2.0), 200, eta=0.01, weight_decay=2.0),
    # adadelta
    Case("adadelta_himmelblau", "himmelblau", "adadelta", (-3.0, -1.0), 200, eta=0.5, rho=0.95),
    Case("adadelta_styblinski_weight_decay", "styblinski_tang", "adadelta", (1.5, 3.0), 200, eta=2.0,
         weight_decay=0.1),
    Case("adadelta_quadratic_rho0", "quadratic", "adadelta", (1.5, -0.8), 100, "rho = 0: G = g^2 and D = "
         "delta^2", rho=0.0),
    Case("adadelta_booth_rho1", "booth", "adadelta", (0.5, -0.5), 150, "rho = 1 keeps G = D = 0: plain SGD with "
         "eta", eta=0.05, rho=1.0),
    Case("adadelta_goldstein", "goldstein_price", "adadelta", (0.2, -0.7), 200),
    # adamax
    Case("adamax_rosenbrock", "rosenbrock", "adamax", (0.0, 1.5), 250, eta=0.01),
    Case("adamax_rastrigin_weight_decay", "rastrigin", "adamax", (1.3, 2.1), 150, eta=0.005, weight_decay=0.1),
    Case("adamax_saddle", "saddle", "adamax", (0.7, -0.01), 150, eta=0.05, beta2=0.9),
    # nadam
    Case("nadam_himmelblau", "himmelblau", "nadam", (1.0, -4.0), 200, eta=0.05),
    Case("nadam_booth_weight_decay", "booth", "nadam", (7.0, 7.0), 200, eta=0.1, momentum_decay=0.01,
         weight_decay=0.05),
    Case("nadam_ackley", "ackley", "nadam", (-0.6, 0.45), 150, eta=0.005),
    Case("nadam_matyas_fast_momentum_decay", "matyas", "nadam", (-4.0, -8.0), 200, eta=0.1, beta1=0.95,
         beta2=0.99, momentum_decay=0.1),
    # lion
    Case("lion_beale", "beale", "lion", (-1.5, 2.0), 200, eta=0.001),
    Case("lion_quadratic_weight_decay", "quadratic", "lion", (2.0, -1.5), 200, eta=0.01, beta1=0.95, beta2=0.98,
         weight_decay=1.0),
    Case("lion_goldstein", "goldstein_price", "lion", (0.8, 0.8), 200, eta=0.002),
    Case("lion_saddle_sign_zero", "saddle", "lion", (0.0, 0.5), 100, "gx = 0 stays 0: sign(0) = 0, x never moves",
         eta=0.01),
]

# ---------------------------------------------------------------------------------------------
# PyTorch's trajectory.

F64 = torch.float64


def torch_optimizer(optimizer, h, param):
    """torch.optim's optimizer for the case (single-tensor code path), or None."""
    o = torch.optim
    common = {"lr": h["eta"], "weight_decay": h["weight_decay"], "foreach": False}
    if optimizer == "sgd":
        return o.SGD([param], **common)
    if optimizer in ("momentum", "nesterov"):
        return o.SGD([param], momentum=h["momentum"], dampening=h.get("dampening", 0.0),
                     nesterov=optimizer == "nesterov", **common)
    if optimizer == "adagrad":
        return o.Adagrad([param], lr_decay=h["lr_decay"], initial_accumulator_value=h["initial_accumulator"],
                         eps=h["eps"], **common)
    if optimizer == "rmsprop":
        return o.RMSprop([param], alpha=h["rho"], eps=h["eps"], momentum=h["momentum"], centered=h["centered"],
                         **common)
    if optimizer in ("adam", "adamw"):
        make = o.Adam if optimizer == "adam" else o.AdamW
        return make([param], betas=(h["beta1"], h["beta2"]), eps=h["eps"], amsgrad=h["amsgrad"], **common)
    if optimizer == "adadelta":
        return o.Adadelta([param], rho=h["rho"], eps=h["eps"], **common)
    if optimizer == "adamax":
        return o.Adamax([param], betas=(h["beta1"], h["beta2"]), eps=h["eps"], **common)
    raise KeyError(optimizer)


class TorchOptim:
    """An update of torch.optim; the state columns are read back from its state."""

    def __init__(self, optimizer, h, param):
        self.kind, self.h, self.param = optimizer, h, param
        self.optimizer = torch_optimizer(optimizer, h, param)

    def step(self, grad):
        h, state = self.h, self.optimizer.state[self.param]
        eta = self.optimizer.param_groups[0]["lr"]  # this update's: a scheduler may have changed it
        D_before = state["acc_delta"].clone() if "acc_delta" in state else torch.zeros(2, dtype=F64)
        self.param.grad = grad.clone()
        self.optimizer.step()
        state = self.optimizer.state[self.param]
        kind = self.kind
        if kind == "sgd":
            return {}
        if kind in ("momentum", "nesterov"):
            return {"buf": state["momentum_buffer"]}
        if kind == "adagrad":
            t = state["step"].item()
            clr = eta / (1 + (t - 1) * h["lr_decay"])
            return {"G": state["sum"], "lr": clr / (state["sum"].sqrt() + h["eps"])}
        if kind == "rmsprop":
            G = state["square_avg"]
            out = {"G": G}
            if h["centered"]:
                out["gavg"] = state["grad_avg"]
                avg = G.addcmul(state["grad_avg"], state["grad_avg"], value=-1).sqrt()
            else:
                avg = G.sqrt()
            if h["momentum"] > 0:
                out["buf"] = state["momentum_buffer"]
            out["lr"] = eta / (avg + h["eps"])
            return out
        if kind in ("adam", "adamw"):
            bc2 = 1 - h["beta2"] ** state["step"].item()
            out = {"m": state["exp_avg"], "v": state["exp_avg_sq"]}
            second = state["exp_avg_sq"]
            if h["amsgrad"]:
                out["vmax"] = second = state["max_exp_avg_sq"]
            out["lr"] = eta / (second.sqrt() / math.sqrt(bc2) + h["eps"])
            return out
        if kind == "adamax":
            return {"m": state["exp_avg"], "u": state["exp_inf"], "lr": eta / state["exp_inf"]}
        if kind == "adadelta":
            G = state["square_avg"]
            lr = eta * (D_before + h["eps"]).sqrt() / (G + h["eps"]).sqrt()
            return {"G": G, "D": state["acc_delta"], "lr": lr}
        raise KeyError(kind)


class TorchFormula:
    """An update that torch.optim lacks, written in torch tensor operations."""

    def __init__(self, optimizer, h, param):
        self.kind, self.h, self.param, self.t = optimizer, h, param, 0
        zeros = torch.zeros(2, dtype=F64)
        self.s = {name: zeros.clone() for name in ("G", "gavg", "buf", "m", "v", "vmax")}
        self.s["G"] += h.get("initial_accumulator", 0.0)
        self.mu_product = 1.0

    def step(self, grad):
        h, s, kind = self.h, self.s, self.kind
        self.t += 1
        t = self.t
        theta = self.param.detach().clone()
        g = grad.clone()
        if h["weight_decay"] != 0 and kind != "lion":
            g = g + h["weight_decay"] * theta
        if kind == "adagrad":  # eps inside the square root
            clr = h["eta"] / (1 + (t - 1) * h["lr_decay"])
            s["G"] = s["G"] + g * g
            d = (s["G"] + h["eps"]).sqrt()
            theta = theta - clr * g / d
            out = {"G": s["G"], "lr": clr / d}
        elif kind == "rmsprop":  # eps inside the square root
            rho = h["rho"]
            s["G"] = rho * s["G"] + (1 - rho) * g * g
            out = {"G": s["G"]}
            second = s["G"]
            if h["centered"]:
                s["gavg"] = rho * s["gavg"] + (1 - rho) * g
                second = s["G"] - s["gavg"] * s["gavg"]
                out["gavg"] = s["gavg"]
            d = (second + h["eps"]).sqrt()
            if h["momentum"] > 0:
                s["buf"] = h["momentum"] * s["buf"] + g / d
                theta = theta - h["eta"] * s["buf"]
                out["buf"] = s["buf"]
            else:
                theta = theta - h["eta"] * g / d
            out["lr"] = h["eta"] / d
        elif kind == "adam":  # eps inside the square root, or without bias correction
            b1, b2 = h["beta1"], h["beta2"]
            s["m"] = b1 * s["m"] + (1 - b1) * g
            s["v"] = b2 * s["v"] + (1 - b2) * g * g
            out = {"m": s["m"], "v": s["v"]}
            second = s["v"]
            if h["amsgrad"]:
                s["vmax"] = torch.maximum(s["vmax"], s["v"])
                out["vmax"] = second = s["vmax"]
            bc1, bc2 = (1 - b1**t, 1 - b2**t) if h["bias_correction"] else (1.0, 1.0)
            if h["eps_inside_sqrt"]:
                d = (second / bc2 + h["eps"]).sqrt()
            else:
                d = second.sqrt() / math.sqrt(bc2) + h["eps"]
            theta = theta - (h["eta"] / bc1) * s["m"] / d
            out["lr"] = h["eta"] / d
        elif kind == "nadam":  # PyTorch 2 (the product of the mu is mu_1 ... mu_{t+1}, mu_{t+1} once)
            b1, b2, psi = h["beta1"], h["beta2"], h["momentum_decay"]
            mu = b1 * (1 - 0.5 * 0.96 ** (t * psi))
            mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
            self.mu_product *= mu
            s["m"] = b1 * s["m"] + (1 - b1) * g
            s["v"] = b2 * s["v"] + (1 - b2) * g * g
            d = (s["v"] / (1 - b2**t)).sqrt() + h["eps"]
            theta = theta - h["eta"] * (1 - mu) / (1 - self.mu_product) * g / d
            theta = theta - h["eta"] * mu_next / (1 - self.mu_product * mu_next) * s["m"] / d
            out = {"m": s["m"], "v": s["v"], "lr": h["eta"] / d}
        elif kind == "lion":  # Chen et al. 2023, decoupled weight decay
            b1, b2 = h["beta1"], h["beta2"]
            theta = theta * (1 - h["eta"] * h["weight_decay"])
            c = b1 * s["m"] + (1 - b1) * g
            theta = theta - h["eta"] * torch.sign(c)
            s["m"] = b2 * s["m"] + (1 - b2) * g
            out = {"m": s["m"]}
        else:
            raise KeyError(kind)
        with torch.no_grad():
            self.param.copy_(theta)
        return {k: v.clone() for k, v in out.items()}


def diverges(x, y, f, gx, gy):
    return not all(math.isfinite(v) for v in (x, y, f, gx, gy)) or abs(x) > BOUND or abs(y) > BOUND


def torch_trajectory(case, steps):
    """Rows [x, y, f, gx, gy, state...] (state None on the last row) and the step of divergence."""
    h = case.hyper
    param = torch.tensor(case.start, dtype=F64, requires_grad=True)
    rule = (TorchOptim if source_of(case.optimizer, h) == "torch" else TorchFormula)(case.optimizer, h, param)
    scheduler = case.torch_scheduler(rule, steps)
    columns = state_columns(case.optimizer, h)
    rows = []
    for k in range(steps + 1):
        f, grad = case.torch_objective(param, k)
        row = [param[0].item(), param[1].item(), f, grad[0].item(), grad[1].item()]
        if diverges(*row):
            rows.append(row + [None] * 2 * len(columns))
            return rows, k
        if k == steps:
            rows.append(row + [None] * 2 * len(columns))
            return rows, None
        state = rule.step(grad)
        if scheduler is not None:
            scheduler.step()
        if sorted(state) != sorted(columns):
            raise AssertionError("%s: state %s, expected %s" % (case.name, sorted(state), columns))
        rows.append(row + [state[c][i].item() for c in columns for i in (0, 1)])


# ---------------------------------------------------------------------------------------------
# The independent trajectory: plain Python floats, per coordinate, each rule in textbook order.

NAN, INF = float("nan"), float("inf")


def div(a, b):
    """a / b with IEEE results where Python would raise."""
    if b != 0 or math.isnan(b):
        return a / b
    if math.isnan(a) or a == 0:
        return NAN
    return math.copysign(INF, a) * math.copysign(1.0, b)


def root(a):
    return math.sqrt(a) if a >= 0 or math.isnan(a) else NAN


def sign(a):
    return (a > 0) - (a < 0) if not math.isnan(a) else NAN


def plain_step(kind, h, s, t, theta, g):
    """One update of one coordinate: the new theta; `s` (this coordinate's state) advances."""
    if h["weight_decay"] != 0 and kind not in ("adamw", "lion"):
        g = g + h["weight_decay"] * theta
    eta = h["eta"]
    if kind == "sgd":
        return theta - eta * g
    if kind in ("momentum", "nesterov"):
        mu = h["momentum"]
        s["buf"] = g if t == 1 else mu * s["buf"] + (1 - h.get("dampening", 0.0)) * g
        return theta - eta * (g + mu * s["buf"] if kind == "nesterov" else s["buf"])
    if kind == "adagrad":
        s["G"] = s["G"] + g * g
        step_size = eta / (1 + (t - 1) * h["lr_decay"])
        d = root(s["G"] + h["eps"]) if h["eps_inside_sqrt"] else root(s["G"]) + h["eps"]
        s["lr"] = div(step_size, d)
        return theta - div(step_size * g, d)
    if kind == "rmsprop":
        rho = h["rho"]
        s["G"] = rho * s["G"] + (1 - rho) * g * g
        variance = s["G"]
        if h["centered"]:
            s["gavg"] = rho * s["gavg"] + (1 - rho) * g
            variance = s["G"] - s["gavg"] * s["gavg"]
        d = root(variance + h["eps"]) if h["eps_inside_sqrt"] else root(variance) + h["eps"]
        s["lr"] = div(eta, d)
        if h["momentum"] > 0:
            s["buf"] = h["momentum"] * s["buf"] + div(g, d)
            return theta - eta * s["buf"]
        return theta - div(eta * g, d)
    if kind in ("adam", "adamw"):
        b1, b2 = h["beta1"], h["beta2"]
        if kind == "adamw":
            theta = theta - eta * h["weight_decay"] * theta
        s["m"] = b1 * s["m"] + (1 - b1) * g
        s["v"] = b2 * s["v"] + (1 - b2) * g * g
        second = s["v"]
        if h["amsgrad"]:
            s["vmax"] = second = max(s["vmax"], s["v"])
        corrected = h.get("bias_correction", True)
        m_hat = s["m"] / (1 - b1**t) if corrected else s["m"]
        v_hat = second / (1 - b2**t) if corrected else second
        d = root(v_hat + h["eps"]) if h.get("eps_inside_sqrt") else root(v_hat) + h["eps"]
        s["lr"] = div(eta, d)
        return theta - div(eta * m_hat, d)
    if kind == "adamax":
        b1 = h["beta1"]
        s["m"] = b1 * s["m"] + (1 - b1) * g
        s["u"] = max(h["beta2"] * s["u"], abs(g) + h["eps"])
        s["lr"] = div(eta, s["u"])
        return theta - div(eta * s["m"] / (1 - b1**t), s["u"])
    if kind == "adadelta":
        rho, eps = h["rho"], h["eps"]
        s["G"] = rho * s["G"] + (1 - rho) * g * g
        rate = div(root(s["D"] + eps), root(s["G"] + eps))
        delta = rate * g
        s["D"] = rho * s["D"] + (1 - rho) * delta * delta
        s["lr"] = eta * rate
        return theta - eta * delta
    if kind == "nadam":
        b1, b2, psi = h["beta1"], h["beta2"], h["momentum_decay"]
        mu = b1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        s["mu_product"] *= mu
        s["m"] = b1 * s["m"] + (1 - b1) * g
        s["v"] = b2 * s["v"] + (1 - b2) * g * g
        d = root(s["v"] / (1 - b2**t)) + h["eps"]
        s["lr"] = div(eta, d)
        nesterov_m = (1 - mu) / (1 - s["mu_product"]) * g + mu_next / (1 - s["mu_product"] * mu_next) * s["m"]
        return theta - div(eta * nesterov_m, d)
    if kind == "lion":
        b1, b2 = h["beta1"], h["beta2"]
        direction = sign(b1 * s["m"] + (1 - b1) * g)
        s["m"] = b2 * s["m"] + (1 - b2) * g
        return theta - eta * h["weight_decay"] * theta - eta * direction
    raise KeyError(kind)


def plain_trajectory(case, steps):
    h, kind = case.hyper, case.optimizer
    columns = state_columns(kind, h)
    fresh = {"G": h.get("initial_accumulator", 0.0), "gavg": 0.0, "buf": 0.0, "m": 0.0, "v": 0.0, "vmax": 0.0,
             "u": 0.0, "D": 0.0, "lr": 0.0, "mu_product": 1.0}
    states = [dict(fresh), dict(fresh)]
    x, y = case.start
    rows = []
    for k in range(steps + 1):
        f, (gx, gy) = case.plain_objective(x, y, k)
        row = [x, y, f, gx, gy]
        if diverges(*row) or k == steps:
            rows.append(row + [None] * 2 * len(columns))
            return rows, (k if diverges(*row) else None)
        h_t = dict(h, eta=case.plain_eta(k + 1, steps))
        x = plain_step(kind, h_t, states[0], k + 1, x, gx)
        y = plain_step(kind, h_t, states[1], k + 1, y, gy)
        rows.append(row + [states[i][c] for c in columns for i in (0, 1)])


# ---------------------------------------------------------------------------------------------
# The comparison metric of the README, as a number: the largest |out - ref| / (|ref| + 1e-3 scale)
# over the finite cells (scale: the column's largest finite |ref|); inf when the empty or
# non-finite cells differ (any NaN matches any NaN, infinities match by sign).


def deviation(out, ref):
    worst = 0.0
    for j in range(len(ref[0])):
        finite = [abs(r[j]) for r in ref if r[j] is not None and math.isfinite(r[j])]
        scale = max(finite, default=0.0)
        for a, b in zip((r[j] for r in out), (r[j] for r in ref)):
            if a is None or b is None:
                if (a is None) != (b is None):
                    return INF
            elif not math.isfinite(b):
                if math.isfinite(a) or (math.isinf(b) and a != b):
                    return INF
            elif not math.isfinite(a):
                return INF
            elif a != b:
                worst = max(worst, div(abs(a - b), abs(b) + 1e-3 * scale))
    return worst if len(out) == len(ref) else INF


# ---------------------------------------------------------------------------------------------
# Output.


def number(v):
    """As `optviz run` prints it: printf's %.17g, with the sign of a NaN."""
    if v is None:
        return ""
    if math.isnan(v):
        return "-nan" if math.copysign(1.0, v) < 0 else "nan"
    return "%.17g" % v


def csv_text(case, rows):
    header = ["step", "x", "y", "f", "gx", "gy"]
    header += ["%s_%s" % (c, axis) for c in state_columns(case.optimizer, case.hyper) for axis in "xy"]
    lines = [",".join(header)] + [",".join([str(k)] + [number(v) for v in row]) for k, row in enumerate(rows)]
    return "\n".join(lines) + "\n"


def hyper_args(hyper):
    """The optimizer's flags, in the order of `hyper`."""
    args = []
    for key, value in hyper.items():
        if key in FLAGS:
            flag, when_given = FLAGS[key]
            if value == when_given:
                args.append(flag)
        else:
            args += ["--" + key.replace("_", "-"), repr(value)]
    return args


def start_and_steps_args(case):
    return ["--start=%r,%r" % tuple(case.start), "--steps", str(case.steps)]


def calm_steps(reference, other, bound):
    """The most steps n for which the first n + 1 rows of `other` deviate from `reference` below bound."""
    n = min(len(reference), len(other)) - 1
    while n > 0 and deviation(other[:n + 1], reference[:n + 1]) >= bound:
        n -= 1
    return n


def perturbed(case):
    moved = copy.copy(case)
    moved.start = [v * (1 + PERTURBATION) for v in case.start]
    return moved


def computed(case):
    """The case as written: rows, divergence, steps, agreement, sensitivity and note (cut if sensitive)."""
    rows, diverged_at = torch_trajectory(case, case.steps)
    plain_rows, plain_diverged_at = plain_trajectory(case, case.steps)
    if plain_diverged_at != diverged_at:
        raise AssertionError("%s: diverges at %s, independently at %s" % (case.name, diverged_at, plain_diverged_at))
    early = deviation(plain_rows[:EARLY_ROWS], rows[:EARLY_ROWS])
    if early >= EARLY_AGREEMENT:
        raise AssertionError("%s: the implementations disagree by %.3g in the first rows" % (case.name, early))
    stationary = rows[0][3] == 0 and rows[0][4] == 0
    moved_rows = plain_rows if stationary else plain_trajectory(perturbed(case), case.steps)[0]
    steps = min(calm_steps(rows, plain_rows, CUT_AT), calm_steps(plain_rows, moved_rows, SENSITIVE))
    note = case.note
    if steps < len(rows) - 1:
        if diverged_at is not None:
            raise AssertionError("%s: a diverging case is sensitive; choose a calmer one" % case.name)
        if steps < MIN_CUT_STEPS:
            raise AssertionError("%s: calm for %d steps only; choose a calmer one" % (case.name, steps))
        rows = torch_trajectory(case, steps)[0]
        plain_rows = plain_trajectory(case, steps)[0]
        moved_rows = plain_rows if stationary else plain_trajectory(perturbed(case), steps)[0]
        cut = "cut from %d to %d steps: later steps amplify rounding" % (case.steps, steps)
        note = note + " (" + cut + ")" if note else cut
    err = deviation(plain_rows, rows)
    if not err < AGREEMENT:
        raise AssertionError("%s: torch and the plain implementation differ by %.3g" % (case.name, err))
    sensitivity = deviation(moved_rows, plain_rows)
    return rows, diverged_at, steps, err, sensitivity, note


def write_cases(out_dir, cases, keep=()):
    """Computes the cases and writes their CSV files and manifest.json into out_dir, replacing the CSV
    files there except those named in `keep`. Returns the largest disagreement with the plain rules."""
    torch.set_default_dtype(F64)
    names = [c.name for c in cases]
    if len(set(names)) != len(names):
        sys.exit("duplicate case names")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.csv"):
        if old.name not in keep:
            old.unlink()
    manifest = []
    worst = 0.0
    for case in cases:
        rows, diverged_at, steps, err, sensitivity, note = computed(case)
        case.steps = steps
        (out_dir / (case.name + ".csv")).write_text(csv_text(case, rows))
        worst = max(worst, err)
        manifest.append(case.manifest_entry(rows, diverged_at, err, note))
        print("%-54s %3d rows  %-7s  agreement %-7.2g  perturbed %-7.2g %s" % (
            case.name, len(rows), manifest[-1]["source"], err, sensitivity,
            "" if diverged_at is None else "diverged at %d" % diverged_at))
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print("%d cases in %s; largest disagreement with the plain implementation %.2g" % (len(cases), out_dir, worst))
    return worst


def main():
    write_cases(OUT_DIR, CASES)


if __name__ == "__main__":
    main()
