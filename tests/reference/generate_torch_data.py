#!/usr/bin/python3
"""Generates optviz's reference trajectories for losses from data and learning-rate schedules:
tests/reference/torch-data/.

Run it by hand, from anywhere, with Debian's PyTorch (package python3-torch, PyTorch 1.13):

    /usr/bin/python3 tests/reference/generate_torch_data.py [--check FOLDER ...]

It rewrites the data sets of tests/reference/torch-data/ (drawn from a fixed seed), the cases' CSV
files and manifest.json; README.md there is written by hand and explains the files. `--check FOLDER`
then recomputes every case of another folder in this format with the PyTorch code below and reports
the largest deviation from its files, in the README's metric.

It is generate_torch.py with two additions, and everything else (the optimizers, the rows, the
plain implementation, the check of each case against it, the cut of sensitive trajectories, the
metric, the output) is that script's:
  - the objective may be a loss over the rows of a CSV file (`--data FILE --loss linear|logistic`,
    mini-batches with `--batch B`). PyTorch: torch.nn.functional's mse_loss and
    binary_cross_entropy_with_logits summed over the rows, differentiated by autograd (the latter's
    backward is sigmoid(z) - y, right at z = 0), then divided by the number of rows. Plain: loops
    over the rows in the batch's order.
  - the learning rate may follow a schedule (`--schedule ...` and a linear warm-up). PyTorch:
    torch.optim.lr_scheduler, stepped after every update: StepLR, ExponentialLR, LinearLR (a warm-up
    alone), and LambdaLR for what torch has no class for (inverse_sqrt, and a warm-up combined with
    another schedule). The cosine is its closed form, in a LambdaLR; CosineAnnealingLR computes it
    recursively, and it steps beside every cosine case on a copy of the learning rate, which must
    agree below COSINE_AGREEMENT (relative to eta). Plain: the formulas of the README.
"""
import argparse
import json
import math
import pathlib
import random
import sys

import torch
import torch.nn.functional

sys.dont_write_bytecode = True  # importing the sibling leaves no __pycache__ in the repository
import generate_torch as base  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parent / "torch-data"
SEED = 2024
COSINE_AGREEMENT = 1e-12

# ---------------------------------------------------------------------------------------------
# The data sets: CSV text with the header x,y, values rounded to 6 decimals. The trajectories read
# the numbers back from that text, as optviz does.


def noisy_line(rng):
    """64 points near y = 1.8 x - 0.6."""
    points = []
    for _ in range(64):
        x = rng.uniform(-2.5, 2.5)
        points.append((x, 1.8 * x - 0.6 + rng.gauss(0, 0.5)))
    return points


def far_line(rng):
    """40 points near y = 0.5 x + 2 with x around 10: the loss in (w, b) is a narrow valley (the
    Hessian's eigenvalues are about 200 and 0.015)."""
    points = []
    for _ in range(40):
        x = 10 + rng.uniform(-1.5, 1.5)
        points.append((x, 0.5 * x + 2 + rng.gauss(0, 0.3)))
    return points


def two_classes(rng):
    """80 labelled points, shuffled: 36 with label 0 and x near -0.8, 44 with label 1 and x near 1.2.
    The classes overlap, so the logistic loss has a finite minimizer."""
    labels = [0] * 36 + [1] * 44
    rng.shuffle(labels)
    return [(rng.gauss(1.2 if label else -0.8, 1.0), label) for label in labels]


DATA_SETS = {"line.csv": noisy_line, "far_line.csv": far_line, "classes.csv": two_classes}


def data_text(points):
    return "x,y\n" + "".join("%r,%r\n" % (round(x, 6), y if isinstance(y, int) else round(y, 6)) for x, y in points)


def read_data(path):
    """The x and y columns of a data file: a header naming the columns, then numeric rows."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    header = [name.strip() for name in lines[0].split(",")]
    ix, iy = header.index("x"), header.index("y")
    rows = [[float(v) for v in line.split(",")] for line in lines[1:]]
    return [r[ix] for r in rows], [r[iy] for r in rows]


# ---------------------------------------------------------------------------------------------
# Losses from data.


class DataLoss:
    """Linear or logistic regression in theta = (w, b) over the rows of a data file. The gradient that
    update t uses is the mean over the batch of B rows ((t - 1) B + j) mod N, j = 0 .. B - 1; f is the
    loss over all N rows."""

    def __init__(self, kind, folder, file, batch=None):
        if kind not in ("linear", "logistic"):
            raise ValueError("unknown loss " + kind)
        self.kind, self.file, self.batch = kind, file, batch
        self.xs, self.ys = read_data(folder / file)
        if kind == "logistic" and set(self.ys) - {0.0, 1.0}:
            raise ValueError("%s: logistic labels must be 0 or 1" % file)
        self.x, self.y = torch.tensor(self.xs, dtype=base.F64), torch.tensor(self.ys, dtype=base.F64)

    def batch_rows(self, k):
        """The rows of update k + 1, in order."""
        n = len(self.xs)
        size = self.batch or n
        return [(k * size + j) % n for j in range(size)]

    def torch_loss_sum(self, w, b, rows):
        """The sum of the rows' losses: the mean is taken after the sum, as the README writes it (a
        mean of the terms would turn gradients that cancel exactly, (1/2 - y_i) at z = 0, into 1e-17)."""
        z = w * self.x[rows] + b
        if self.kind == "linear":
            return torch.nn.functional.mse_loss(z, self.y[rows], reduction="sum")
        return torch.nn.functional.binary_cross_entropy_with_logits(z, self.y[rows], reduction="sum")

    def torch_value_and_gradient(self, param, k):
        value = self.torch_loss_sum(param[0], param[1], slice(None)).item() / len(self.xs)
        rows = self.batch_rows(k)
        with torch.enable_grad():
            p = param.detach().clone().requires_grad_(True)
            (gradient,) = torch.autograd.grad(self.torch_loss_sum(p[0], p[1], torch.tensor(rows)), p)
        return value, gradient / len(rows)

    def plain_row(self, w, b, i):
        """Row i's loss and its derivative in z = w x_i + b."""
        z = w * self.xs[i] + b
        y = self.ys[i]
        if self.kind == "linear":
            return (z - y) ** 2, 2 * (z - y)
        softplus = max(z, 0.0) + math.log1p(math.exp(-abs(z)))
        sigmoid = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
        return softplus - y * z, sigmoid - y

    def plain_value_and_gradient(self, w, b, k):
        value = sum(self.plain_row(w, b, i)[0] for i in range(len(self.xs))) / len(self.xs)
        gw = gb = 0.0
        rows = self.batch_rows(k)
        for i in rows:
            dz = self.plain_row(w, b, i)[1]
            gw += dz * self.xs[i]
            gb += dz
        return value, (gw / len(rows), gb / len(rows))


# ---------------------------------------------------------------------------------------------
# Learning-rate schedules: a dict {"schedule": kind, parameter: value, ...}, the parameters given
# in the order of the command line and the manifest.

SCHEDULE_PARAMETERS = {"step_size": int, "gamma": float, "t_max": int, "eta_min": float, "warmup": int,
                       "warmup_start": float}
REQUIRED = {"constant": (), "step": ("step_size", "gamma"), "exponential": ("gamma",), "cosine": (),
            "inverse_sqrt": ()}


def schedule(kind, **parameters):
    unknown = set(parameters) - set(SCHEDULE_PARAMETERS)
    missing = set(REQUIRED[kind]) - set(parameters)
    if unknown or missing:
        raise ValueError("schedule %s: unknown %s, missing %s" % (kind, sorted(unknown), sorted(missing)))
    given = {k: t(parameters[k]) for k, t in SCHEDULE_PARAMETERS.items() if k in parameters}
    return {"schedule": kind, **given}


def schedule_args(sched):
    args = ["--schedule", sched["schedule"]]
    for key, value in sched.items():
        if key != "schedule":
            args += ["--" + key.replace("_", "-"), repr(value)]
    return args


def warmup_of(sched):
    return sched.get("warmup", 0), sched.get("warmup_start", 0.1)


def cosine_of(sched, steps):
    """The cosine's period T and floor M; T is the run's length unless given."""
    return sched.get("t_max", steps), sched.get("eta_min", 0.0)


def plain_eta(sched, eta, s, steps):
    """The learning rate of the update after s updates, as the README writes it."""
    warmup, start = warmup_of(sched)
    w = 1.0 if warmup == 0 else start + (1 - start) * min(s, warmup) / warmup
    kind = sched["schedule"]
    if kind == "constant":
        return eta * w
    if kind == "step":
        return eta * w * sched["gamma"] ** (s // sched["step_size"])
    if kind == "exponential":
        return eta * w * sched["gamma"] ** s
    if kind == "inverse_sqrt":
        w0 = max(warmup, 1)
        return eta * w * math.sqrt(w0 / max(s, w0))
    if kind == "cosine":
        t_max, eta_min = cosine_of(sched, steps)
        return w * (eta_min + (eta - eta_min) * (1 + math.cos(math.pi * s / t_max)) / 2)
    raise KeyError(kind)


def torch_scheduler(sched, optimizer, steps):
    """torch.optim.lr_scheduler's scheduler of the schedule on `optimizer` (None for a constant rate)."""
    schedulers = torch.optim.lr_scheduler
    kind = sched["schedule"]
    warmup, start = warmup_of(sched)
    if warmup == 0 and kind == "constant":
        return None
    if warmup == 0 and kind == "step":
        return schedulers.StepLR(optimizer, step_size=sched["step_size"], gamma=sched["gamma"])
    if warmup == 0 and kind == "exponential":
        return schedulers.ExponentialLR(optimizer, gamma=sched["gamma"])
    if kind == "constant" and start > 0:  # LinearLR divides by its start factor
        return schedulers.LinearLR(optimizer, start_factor=start, end_factor=1.0, total_iters=warmup)

    def warm(s):
        return 1.0 if warmup == 0 else start + (1 - start) * min(s, warmup) / warmup

    eta = optimizer.param_groups[0]["lr"]
    if kind == "cosine":
        t_max, eta_min = cosine_of(sched, steps)
        ratio = eta_min / eta

        def factor(s):
            return warm(s) * (ratio + (1 - ratio) * (1 + math.cos(math.pi * s / t_max)) / 2)

        return CosineCrossCheck(schedulers.LambdaLR(optimizer, factor), warm, eta, t_max, eta_min)
    decay = {"constant": lambda s: 1.0, "step": lambda s: sched["gamma"] ** (s // sched["step_size"]),
             "exponential": lambda s: sched["gamma"] ** s,
             "inverse_sqrt": lambda s: math.sqrt(max(warmup, 1) / max(s, warmup, 1))}[kind]
    return schedulers.LambdaLR(optimizer, lambda s: warm(s) * decay(s))


class CosineCrossCheck:
    """The closed-form cosine, stepping beside torch's CosineAnnealingLR (its recursive form, on a
    copy of the learning rate, times the warm-up factor): both must give the same eta_t."""

    worst = 0.0  # the largest relative disagreement seen

    def __init__(self, scheduler, warm, eta, t_max, eta_min):
        self.scheduler, self.warm, self.eta = scheduler, warm, eta
        self.shadow = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=eta)
        self.cosine = torch.optim.lr_scheduler.CosineAnnealingLR(self.shadow, T_max=t_max, eta_min=eta_min)
        self.check()

    def step(self):
        self.scheduler.step()
        self.shadow.step()  # no gradient: it changes nothing, and keeps the schedulers' order warning away
        self.cosine.step()
        self.check()

    def check(self):
        ours = self.scheduler.optimizer.param_groups[0]["lr"]
        recursive = self.warm(self.scheduler.last_epoch) * self.shadow.param_groups[0]["lr"]
        difference = abs(ours - recursive) / self.eta
        CosineCrossCheck.worst = max(CosineCrossCheck.worst, difference)
        if not difference < COSINE_AGREEMENT:
            raise AssertionError("cosine: closed form %r, CosineAnnealingLR %r" % (ours, recursive))


# ---------------------------------------------------------------------------------------------
# The cases.


class Case(base.Case):
    """A case whose objective is a test function (its name) or a DataLoss, with an optional schedule."""

    def __init__(self, name, objective, optimizer, start, steps, note="", sched=None, **hyper):
        function = objective if isinstance(objective, str) else None
        super().__init__(name, function, optimizer, start, steps, note, **hyper)
        self.loss = None if function else objective
        self.sched = sched
        if sched is not None and base.source_of(optimizer, self.hyper) != "torch":
            raise ValueError("%s: schedules drive torch.optim's rules only" % name)

    def run_length(self, steps):
        """`steps`, the length the cosine spans when it has no t_max: such a case cannot be cut."""
        if self.sched and self.sched["schedule"] == "cosine" and "t_max" not in self.sched and steps != self.steps:
            raise AssertionError("%s: the cosine spans the whole run and the run was cut to %d steps; give "
                                 "t_max or choose a calmer case" % (self.name, steps))
        return steps

    def torch_objective(self, param, k):
        if self.loss is None:
            return super().torch_objective(param, k)
        return self.loss.torch_value_and_gradient(param, k)

    def plain_objective(self, x, y, k):
        if self.loss is None:
            return super().plain_objective(x, y, k)
        return self.loss.plain_value_and_gradient(x, y, k)

    def torch_scheduler(self, rule, steps):
        if self.sched is None:
            return None
        return torch_scheduler(self.sched, rule.optimizer, self.run_length(steps))

    def plain_eta(self, t, steps):
        if self.sched is None:
            return self.hyper["eta"]
        return plain_eta(self.sched, self.hyper["eta"], t - 1, self.run_length(steps))

    def command_line(self):
        if self.loss is None:
            args = ["run", "--function", self.function, "--optimizer", self.optimizer]
        else:
            args = ["run", "--data", self.loss.file, "--loss", self.loss.kind, "--optimizer", self.optimizer]
            args += ["--batch", str(self.loss.batch)] if self.loss.batch else []
        args += base.hyper_args(self.hyper) + (schedule_args(self.sched) if self.sched else [])
        return args + base.start_and_steps_args(self)

    def manifest_entry(self, rows, diverged_at, err, note):
        entry = super().manifest_entry(rows, diverged_at, err, note)
        del entry["function"]
        if self.loss is None:
            entry["function"] = self.function
        else:
            entry.update({"data": self.loss.file, "loss": self.loss.kind})
            if self.loss.batch:
                entry["batch"] = self.loss.batch
        if self.sched:
            entry["sched"] = self.sched
        return entry


def make_cases(folder):
    def data(kind, file, batch=None):
        return DataLoss(kind, folder, file, batch)

    return [
        # losses from data
        Case("data_line_sgd_full", data("linear", "line.csv"), "sgd", (-2.0, 3.0), 150, eta=0.1),
        Case("data_line_momentum_batch12_wraps", data("linear", "line.csv", 12), "momentum", (0.5, -0.5), 250,
             "64 rows in batches of 12: update 6 uses rows 60-63 and 0-7 (counting from 0)", eta=0.02, momentum=0.9),
        Case("data_line_sgd_batch12_step", data("linear", "line.csv", 12), "sgd", (3.0, -2.0), 250,
             "mini-batch noise damped by halving eta every 40 updates", eta=0.15,
             sched=schedule("step", step_size=40, gamma=0.5)),
        Case("data_far_line_sgd_diverges", data("linear", "far_line.csv"), "sgd", (0.2, 0.5), 100,
             "x near 10: the Hessian's eigenvalues are 204.3 and 0.016; eta = 0.012 exceeds 2 / 204.3, and the "
             "error along that direction grows by 1.45 a step until |w| > 1e12", eta=0.012),
        Case("data_far_line_momentum_full", data("linear", "far_line.csv"), "momentum", (-0.5, 0.5), 300,
             "the narrow valley: heavy ball along its floor", eta=0.004, momentum=0.95),
        Case("data_far_line_adam_batch7_wraps", data("linear", "far_line.csv", 7), "adam", (1.0, 0.0), 300,
             "40 rows in batches of 7", eta=0.05),
        Case("data_far_line_rmsprop_constant", data("linear", "far_line.csv"), "rmsprop", (-1.0, 1.0), 200,
             "--schedule constant without warm-up: eta itself", eta=0.01, rho=0.9,
             sched=schedule("constant")),
        Case("data_classes_adagrad_full_from_zero", data("logistic", "classes.csv"), "adagrad", (0.0, 0.0), 200,
             "w = b = 0: every z is 0 and sigmoid(0) = 1/2", eta=0.5),
        Case("data_classes_sgd_batch24_wraps", data("logistic", "classes.csv", 24), "sgd", (-2.0, 2.0), 200,
             "80 rows in batches of 24", eta=0.5),
        Case("data_classes_adam_batch30_cosine_warmup", data("logistic", "classes.csv", 30), "adam", (1.0, -1.0),
             200, "cosine over the run after 20 warm-up updates", eta=0.1,
             sched=schedule("cosine", warmup=20)),
        # schedules on test functions
        Case("sched_momentum_quadratic_constant_warmup_start", "quadratic", "momentum", (2.5, 1.5), 150,
             "warm-up alone, from half of eta", eta=0.05, momentum=0.8,
             sched=schedule("constant", warmup=25, warmup_start=0.5)),
        Case("sched_rmsprop_goldstein_step", "goldstein_price", "rmsprop", (-0.4, 0.4), 300, eta=0.01,
             rho=0.9, sched=schedule("step", step_size=60, gamma=0.3)),
        Case("sched_adam_himmelblau_step_warmup", "himmelblau", "adam", (0.5, -0.5), 200, eta=0.2,
             sched=schedule("step", step_size=50, gamma=0.5, warmup=20)),
        Case("sched_nesterov_beale_exponential", "beale", "nesterov", (1.0, 1.0), 200, eta=0.01,
             sched=schedule("exponential", gamma=0.99)),
        Case("sched_adagrad_rosenbrock_exponential_warmup_lr_decay", "rosenbrock", "adagrad", (0.5, 2.5), 250,
             "AdaGrad divides eta_t by 1 + (t - 1) lr_decay", eta=0.8, lr_decay=0.02,
             sched=schedule("exponential", gamma=0.995, warmup=40, warmup_start=0.2)),
        Case("sched_momentum_booth_cosine_eta_min", "booth", "momentum", (-5.0, 8.0), 200, "the cosine spans "
             "the run", eta=0.05, momentum=0.8, sched=schedule("cosine", eta_min=0.005)),
        Case("sched_sgd_quadratic_cosine_tmax_eta_min", "quadratic", "sgd", (3.0, -1.0), 200, "t_max = 60: eta_t "
             "reaches eta_min at 60, eta again at 120, eta_min at 180", eta=0.07,
             sched=schedule("cosine", t_max=60, eta_min=0.005)),
        Case("sched_adamw_himmelblau_cosine_tmax_warmup", "himmelblau", "adamw", (-1.0, -1.0), 200,
             "the decoupled decay uses eta_t", eta=0.1, weight_decay=0.1,
             sched=schedule("cosine", t_max=150, warmup=30, warmup_start=0.05)),
        Case("sched_rmsprop_himmelblau_inverse_sqrt", "himmelblau", "rmsprop", (0.0, -4.0), 200, "no warm-up: "
             "W0 = 1, eta_t = eta / sqrt(t - 1) from t = 2", eta=0.2, rho=0.9,
             sched=schedule("inverse_sqrt")),
        Case("sched_adamax_styblinski_inverse_sqrt_warmup", "styblinski_tang", "adamax", (0.5, -0.5), 200,
             eta=0.5, sched=schedule("inverse_sqrt", warmup=40)),
    ]


# ---------------------------------------------------------------------------------------------
# Another folder's cases, recomputed.


def case_from_entry(entry, folder):
    objective = entry.get("function") or DataLoss(entry["loss"], folder, entry["data"], entry.get("batch"))
    sched = dict(entry.get("sched") or {})
    return Case(entry["name"], objective, entry["optimizer"], entry["start"], entry["steps"],
                sched=schedule(sched.pop("schedule"), **sched) if sched else None, **entry["hyper"])


def same_args(ours, theirs):
    """Equal command lines, numbers compared by value (2 and 2.0 alike)."""
    def value(token):
        numbers = token[len("--start="):].split(",") if token.startswith("--start=") else [token]
        try:
            return [float(v) for v in numbers]
        except ValueError:
            return token

    return len(ours) == len(theirs) and all(value(a) == value(b) for a, b in zip(ours, theirs))


def read_reference(path):
    lines = path.read_text().splitlines()
    return lines[0], [[None if v == "" else float(v) for v in line.split(",")[1:]] for line in lines[1:]]


def check_folder(folder):
    """The largest deviation of our PyTorch trajectories from the files of `folder` (printed beside
    that of the plain implementation)."""
    worst = plain_worst = 0.0
    for entry in json.loads((folder / "manifest.json").read_text()):
        case = case_from_entry(entry, folder)
        rows, diverged_at = base.torch_trajectory(case, case.steps)
        header, reference = read_reference(folder / entry["file"])
        if not same_args(case.command_line(), entry["args"]):
            raise AssertionError("%s: our command line %s" % (entry["name"], case.command_line()))
        if header != base.csv_text(case, rows).split("\n")[0] or diverged_at != entry["diverged_at"]:
            raise AssertionError("%s: other columns or divergence" % entry["name"])
        err = base.deviation(rows, reference)
        plain_err = base.deviation(base.plain_trajectory(case, case.steps)[0], reference)
        worst, plain_worst = max(worst, err), max(plain_worst, plain_err)
        print("%-54s %3d rows  deviation %-7.2g  plain %.2g" % (entry["name"], len(rows), err, plain_err))
    print("%s: largest deviation of our PyTorch trajectories %.2g, of the plain ones %.2g" % (
        folder, worst, plain_worst))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", type=pathlib.Path, action="append", default=[], metavar="FOLDER",
                        help="recompute the cases of FOLDER and compare")
    options = parser.parse_args()
    torch.set_default_dtype(base.F64)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    for file, draw in DATA_SETS.items():
        (OUT_DIR / file).write_text(data_text(draw(rng)))
    base.write_cases(OUT_DIR, make_cases(OUT_DIR), keep=DATA_SETS)
    print("cosine: closed form against CosineAnnealingLR %.2g (relative to eta)" % CosineCrossCheck.worst)
    failed = [folder for folder in options.check if not check_folder(folder) < base.AGREEMENT]
    if failed:
        sys.exit("disagreement with " + ", ".join(map(str, failed)))


if __name__ == "__main__":
    main()
