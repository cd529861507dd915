#!/usr/bin/python3
"""Generates optviz's own reference training runs of small networks: cases of tests/reference/torch-net/.

Run it by hand, from anywhere, with Debian's PyTorch (package python3-torch, PyTorch 1.13):

    /usr/bin/python3 tests/reference/generate_torch_net.py [--check FOLDER ...]

The folder's format is that of ../shared/reference/torch-net (its README.md, copied beside the cases,
defines the command, the files and the comparison); the cases copied from there stay as they are. This
script (re)writes the cases of CASES below: NAME.csv, NAME.init.json (kept when it exists, else drawn
by torch's generator: Glorot uniform for tanh and sigmoid, kaiming_uniform_ for relu, biases 0) and
NAME.final.json, and their entries of manifest.json. `--check FOLDER` recomputes every case of a
folder in this format from its manifest and its initial weights and reports the largest deviation
in the README's metric (the shared folder's cases come out below 1e-12).

The network is built on ONE flat float64 parameter tensor, layer by layer (weight (out, in) row-major
as nn.Linear stores it, then bias), so torch.optim sees every element as the optimizer of optviz does.
The forward pass is torch's: a @ W.T + b, torch.tanh / relu / sigmoid, and
binary_cross_entropy_with_logits or mse_loss (mean), differentiated by autograd. The optimizers are
generate_torch.py's: torch.optim where it has the rule, else its TorchFormula (NAdam as PyTorch 2,
Lion, the conventions torch lacks); schedules are generate_torch_data.py's schedulers.
"""
import argparse
import json
import math
import pathlib
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # importing the siblings leaves no __pycache__ in the repository
import generate_torch as base  # noqa: E402
import generate_torch_data as data  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parent / "torch-net"
F64 = torch.float64
RTOL = 1e-9
ACTIVATIONS = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}
RMSPROP_RULE = "G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)"


class NetCase:
    def __init__(self, name, optimizer, layers, activation, loss, data_file, steps, batch=None, seed=1,
                 schedule=None, rule=None, note="", **hyper):
        unknown = set(hyper) - set(base.HYPER[optimizer])
        if unknown:
            raise ValueError("%s: %s does not take %s" % (name, optimizer, sorted(unknown)))
        self.name, self.optimizer, self.layers, self.activation = name, optimizer, list(layers), activation
        self.loss, self.data, self.steps, self.batch, self.seed = loss, data_file, steps, batch, seed
        self.schedule, self.rule, self.note = schedule, rule, note
        self.hyper = {k: type(v)(hyper.get(k, v)) for k, v in base.HYPER[optimizer].items()}

    def args(self):
        out = ["train", "--data", self.data, "--layers", ",".join(map(str, self.layers)),
               "--activation", self.activation, "--loss", self.loss, "--init", self.name + ".init.json"]
        if self.rule:  # the rule's hyperparameters only: the ones it reads
            out += ["--rule", self.rule] + [a for k in ("eta", "rho", "eps") for a in ("--" + k, repr(self.hyper[k]))]
        else:
            out += ["--optimizer", self.optimizer] + base.hyper_args(self.hyper)
        if self.batch:
            out += ["--batch", str(self.batch)]
        if self.schedule:
            out += data.schedule_args(self.schedule)
        return out + ["--steps", str(self.steps)]


CASES = [
    NetCase("own_sigmoid_mse_plane", "adam", [6], "sigmoid", "mse", "plane40.csv", 120, batch=10, eta=0.02),
    NetCase("own_nesterov_circle_tanh_4", "nesterov", [4], "tanh", "logistic", "circle60.csv", 120, batch=15,
            eta=0.05, momentum=0.9, weight_decay=0.001),
    NetCase("own_adamax_spiral_relu_8", "adamax", [8], "relu", "logistic", "spiral80.csv", 120, batch=16, eta=0.01),
    NetCase("own_nadam_spiral_tanh_8_4", "nadam", [8, 4], "tanh", "logistic", "spiral80.csv", 120, eta=0.01,
            note="NAdam as PyTorch 2 (../torch/README.md)"),
    NetCase("own_lion_circle_tanh_8", "lion", [8], "tanh", "logistic", "circle60.csv", 100, batch=20, eta=0.001,
            weight_decay=0.1, note="Lion, from the README's formula"),
    NetCase("own_adagrad_lr_decay_plane_relu_5", "adagrad", [5], "relu", "mse", "plane40.csv", 120, batch=8,
            eta=0.05, lr_decay=0.01, initial_accumulator=0.1),
    NetCase("own_rule_rmsprop_spiral_tanh_8_8", "rmsprop", [8, 8], "tanh", "logistic", "spiral80.csv", 150,
            batch=10, rule=RMSPROP_RULE, eta=0.01, rho=0.9, eps=1e-8,
            note="RMSprop typed as a rule (--rule): torch.optim.RMSprop's losses"),
    NetCase("own_adam_cosine_warmup_circle_relu_6_6", "adam", [6, 6], "relu", "logistic", "circle60.csv", 100,
            batch=12, schedule=data.schedule("cosine", warmup=10, warmup_start=0.1), eta=0.01, amsgrad=True),
    NetCase("own_rmsprop_eps_inside_circle_sigmoid_none", "rmsprop", [], "sigmoid", "logistic", "circle60.csv", 80,
            eta=0.02, eps_inside_sqrt=True, note="no hidden layer; eps inside the root (a formula)"),
]


def read_rows(path):
    lines = pathlib.Path(path).read_text().splitlines()
    head = lines[0].split(",")
    cols = [head.index(c) for c in ("x1", "x2", "y")]
    values = [[float(line.split(",")[c]) for c in cols] for line in lines[1:] if line]
    t = torch.tensor(values, dtype=F64)
    return t[:, :2].clone(), t[:, 2].clone()


def shapes(layers):
    widths = [2] + list(layers) + [1]
    return list(zip(widths[1:], widths[:-1]))  # (out, in) per layer


def flatten(weights):
    return torch.tensor([v for layer in weights["layers"] for v in sum(layer["weight"], []) + layer["bias"]],
                        dtype=F64)


def unflatten(flat, layers):
    out, at = [], 0
    for o, i in shapes(layers):
        w = flat[at:at + o * i].view(o, i).tolist()
        at += o * i
        out.append({"weight": w, "bias": flat[at:at + o].tolist()})
        at += o
    return {"layers": out}


def initial_weights(layers, activation, seed):
    torch.manual_seed(seed)
    parts = []
    for o, i in shapes(layers):
        w = torch.empty(o, i, dtype=F64)
        if activation == "relu":
            torch.nn.init.kaiming_uniform_(w, nonlinearity="relu")
        else:
            torch.nn.init.xavier_uniform_(w)
        parts += [w.flatten(), torch.zeros(o, dtype=F64)]
    return torch.cat(parts)


def outputs(flat, layers, activation, x):
    a, at = x, 0
    for n, (o, i) in enumerate(shapes(layers)):
        w = flat[at:at + o * i].view(o, i)
        b = flat[at + o * i:at + o * i + o]
        at += o * i + o
        a = a @ w.T + b
        if n < len(layers):
            a = ACTIVATIONS[activation](a)
    return a[:, 0]


def loss_of(kind, z, y):
    return F.binary_cross_entropy_with_logits(z, y) if kind == "logistic" else F.mse_loss(z, y)


def make_optimizer(optimizer, hyper, param):
    """torch.optim's step where it has the rule (a scheduler may drive it), else generate_torch's formula."""
    if base.source_of(optimizer, hyper) == "torch":
        o = base.torch_optimizer(optimizer, hyper, param)

        def step(grad):
            param.grad = grad.clone()
            o.step()

        return o, step
    formula = base.TorchFormula(optimizer, hyper, param)
    n = param.numel()  # its state, sized for the 2D runs, sized for every parameter
    formula.s = {k: torch.zeros(n, dtype=F64) + (hyper.get("initial_accumulator", 0.0) if k == "G" else 0.0)
                 for k in formula.s}
    return None, formula.step


def train(case, folder, init):
    x, y = read_rows(folder / case.data)
    n = len(y)
    param = init.clone().requires_grad_(True)
    torch_optim, step = make_optimizer(case.optimizer, case.hyper, param)
    if case.schedule and torch_optim is None:
        raise ValueError(case.name + ": a schedule needs a torch.optim optimizer")
    scheduler = data.torch_scheduler(case.schedule, torch_optim, case.steps) if case.schedule else None
    losses = []
    for k in range(case.steps + 1):
        with torch.no_grad():
            losses.append(loss_of(case.loss, outputs(param, case.layers, case.activation, x), y).item())
        if k == case.steps:
            break
        rows = [(k * case.batch + j) % n for j in range(case.batch)] if case.batch else list(range(n))
        idx = torch.tensor(rows)
        value = loss_of(case.loss, outputs(param, case.layers, case.activation, x[idx]), y[idx])
        (grad,) = torch.autograd.grad(value, param)
        step(grad)
        if scheduler is not None:
            scheduler.step()
    if not all(math.isfinite(v) for v in losses):
        raise ValueError(case.name + ": diverged; choose a calmer case")
    return losses, param.detach().clone()


def csv_text(losses):
    return "step,loss\n" + "".join("%d,%s\n" % (k, base.number(v)) for k, v in enumerate(losses))


def manifest_entry(case, losses):
    return {
        "name": case.name, "optimizer": case.optimizer, "hyper": case.hyper, "layers": case.layers,
        "activation": case.activation, "loss": case.loss, "data": case.data, "batch": case.batch,
        "steps": case.steps, "rows": len(losses), "diverged_at": None,
        "source": base.source_of(case.optimizer, case.hyper), "rtol": RTOL, "independent_err": None,
        "file": case.name + ".csv", "init": case.name + ".init.json", "final": case.name + ".final.json",
        "args": case.args(), "note": case.note,
        **({"schedule": case.schedule} if case.schedule else {}), **({"rule": case.rule} if case.rule else {}),
    }


def write_cases(folder):
    manifest_path = folder / "manifest.json"
    mine = {c.name for c in CASES}
    entries = [e for e in json.loads(manifest_path.read_text()) if e["name"] not in mine]
    for case in CASES:
        init_path = folder / (case.name + ".init.json")
        if init_path.exists():
            init = flatten(json.loads(init_path.read_text()))
        else:
            init = initial_weights(case.layers, case.activation, case.seed)
            init_path.write_text(json.dumps(unflatten(init, case.layers)) + "\n")
        losses, final = train(case, folder, init)
        (folder / (case.name + ".csv")).write_text(csv_text(losses))
        (folder / (case.name + ".final.json")).write_text(json.dumps(unflatten(final, case.layers)) + "\n")
        entries.append(manifest_entry(case, losses))
        print("%s: %d rows, loss %.6g -> %.6g" % (case.name, len(losses), losses[0], losses[-1]))
    manifest_path.write_text(json.dumps(entries, indent=1) + "\n")


def case_from_entry(e):
    hyper = dict(e["hyper"])
    sched = e.get("schedule")
    return NetCase(e["name"], e["optimizer"], e["layers"], e["activation"], e["loss"], e["data"], e["steps"],
                   batch=e["batch"], schedule=sched, rule=e.get("rule"), **hyper)


def deviation(got, ref):
    scale = max(abs(v) for v in ref)
    return max(abs(a - b) / (abs(b) + 1e-3 * scale) for a, b in zip(got, ref))


def check_folder(folder):
    worst = 0.0
    for e in json.loads((folder / "manifest.json").read_text()):
        case = case_from_entry(e)
        init = flatten(json.loads((folder / e["init"]).read_text()))
        losses, final = train(case, folder, init)
        ref = [float(line.split(",")[1]) for line in (folder / e["file"]).read_text().splitlines()[1:]]
        ref_final = flatten(json.loads((folder / e["final"]).read_text())).tolist()
        err = max(deviation(losses, ref), deviation(final.tolist(), ref_final))
        worst = max(worst, err)
        print("%-45s %.3g" % (e["name"], err))
    print("largest deviation: %.3g" % worst)
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", nargs="*", default=[], help="recompute the cases of these folders")
    args = parser.parse_args()
    torch.set_default_dtype(F64)
    if args.check:
        worst = max(check_folder(pathlib.Path(f)) for f in args.check)
        sys.exit(0 if worst <= 1e-11 else 1)
    write_cases(OUT_DIR)


if __name__ == "__main__":
    main()
