#!/usr/bin/python3
"""What a user would otherwise pick: the same training in PyTorch (CPU, one thread, float64,
SGD, batch 10, ½MSE, tanh output) on circle 2-4-2-1 and on 20 hidden layers × 64, in examples
per second. Compare with bench/mlp.cpp (docs/reference/mlp_benchmark.md).

    python3 bench/mlp_torch.py            # Debian python3-torch (1.13)
"""
import math
import random
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def circle(n=500, seed=1):
    rng = random.Random(seed)
    pts = []
    for k in range(n):
        inside = k < n // 2
        r = rng.uniform(0, 2.5) if inside else rng.uniform(3.5, 5)
        a = rng.uniform(0, 2 * math.pi)
        pts.append((r * math.sin(a), r * math.cos(a), 1.0 if inside else -1.0))
    rng.shuffle(pts)
    train = pts[: n // 2]
    x = torch.tensor([[p[0], p[1]] for p in train])
    y = torch.tensor([[p[2]] for p in train])
    return x, y


def model(widths, act):
    layers, inputs = [], 2
    for w in widths:
        layers += [torch.nn.Linear(inputs, w), act()]
        inputs = w
    layers += [torch.nn.Linear(inputs, 1), torch.nn.Tanh()]
    return torch.nn.Sequential(*layers)


def throughput(widths, act, seconds=3.0):
    x, y = circle()
    net = model(widths, act)
    opt = torch.optim.SGD(net.parameters(), lr=0.03)
    n, examples, start = x.shape[0], 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for b in range(0, n, 10):
            opt.zero_grad()
            out = net(x[b : b + 10])
            loss = 0.5 * ((out - y[b : b + 10]) ** 2).mean()
            loss.backward()
            opt.step()
        examples += n
    return examples / (time.perf_counter() - start)


if __name__ == "__main__":
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, float64, SGD, batch 10")
    print("| network | activation | examples/s |")
    print("|---|---|---:|")
    for name, widths in (("circle 2-4-2-1", [4, 2]), ("20 × 64", [64] * 20)):
        for act_name, act in (("relu", torch.nn.ReLU), ("tanh", torch.nn.Tanh)):
            print(f"| {name} | {act_name} | {throughput(widths, act):,.0f} |")
