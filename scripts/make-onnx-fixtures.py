#!/usr/bin/python3
"""Make the ONNX fixtures of test/fixtures/onnx with a real exporter (Debian's python3-torch 1.13).

    sudo apt-get install -y python3-torch python3-onnx
    /usr/bin/python3 scripts/make-onnx-fixtures.py

Every model is exported as torch writes it (no hand editing), with a dynamic batch axis. Beside each
NAME.onnx, NAME.expected.json records probe inputs and torch's float32 outputs on them, so the tests
can compare an imported net with the exporter's own evaluation without torch at run time.

Two opset-17 files (`ln-plain-op17`, `lng-reshape-op17`) are ones torch 1.13 writes but its own
checker rejects (a LayerNormalization node with an empty optional scale input); they are kept because
that is what this exporter produces.

The trained net: an LN-Net (Linear 2->8, LN, Linear 8->8, LN, Linear 8->1, affine LayerNorms) fitted with Adam on a
small labeled set in the plane whose coordinates are multiples of 1/16 (exact in float32 and in the
committed CSV), so the net torch trained is the net the kernel certifies on exactly the same points.
A second trained net has three outputs (class logits, labels by angular sector) for multi-class
certification, and a third fits 10 random classes on 100 real images (Fashion-MNIST from Debian's
dataset-fashion-mnist, pooled to 7 x 7 dyadic features) with an LN-G-Net (reshape-then-normalise).
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "onnx")


class Grouped(nn.Module):
    """LN-G by hand: view (N, C) as (N, g, C/g), LayerNorm over the last axis, view back. With `dynamic`
    the view sizes are computed from h.shape (torch exports Shape/Gather/Div/Concat), else constants."""

    def __init__(self, d, c, g, affine, dynamic):
        super().__init__()
        self.g, self.c, self.dynamic = g, c, dynamic
        self.l1 = nn.Linear(d, c)
        self.ln = nn.LayerNorm(c // g, elementwise_affine=affine)
        self.l2 = nn.Linear(c, 1)

    def forward(self, x):
        h = self.l1(x)
        h = self.ln(h.view(-1, self.g, h.shape[1] // self.g) if self.dynamic else h.view(-1, self.g, self.c // self.g))
        return self.l2(h.view(-1, self.g * h.shape[2]) if self.dynamic else h.view(-1, self.c))


class GroupNormNet(nn.Module):
    """LN-G with nn.GroupNorm (which wants a spatial axis, hence the unsqueeze/squeeze)."""

    def __init__(self, d, c, g):
        super().__init__()
        self.l1 = nn.Linear(d, c)
        self.gn = nn.GroupNorm(g, c)
        self.l2 = nn.Linear(c, 1)

    def forward(self, x):
        return self.l2(self.gn(self.l1(x).unsqueeze(-1)).squeeze(-1))


def randomize(net, seed):
    """Non-trivial affine parameters (torch initialises LayerNorm scale 1, bias 0)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.8 + (0.5 if p.dim() == 1 else 0))
    return net


def export(net, name, d, opset, probes):
    net.eval()
    path = os.path.join(OUT, name + ".onnx")
    try:
        torch.onnx.export(net, torch.zeros(1, d), path, opset_version=opset, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "n"}, "y": {0: "n"}})
    except Exception as e:  # torch's checker rejects some files it has already written
        if not os.path.exists(path):
            raise
        print(f"{name}: written, but torch's checker says: {str(e).splitlines()[0]}", file=sys.stderr)
    with torch.no_grad():
        y = net(torch.tensor(probes, dtype=torch.float32)).numpy()
    expected = {"exporter": f"torch {torch.__version__}, onnx {onnx.__version__}", "opset": opset,
                "inputs": [[float(v) for v in p] for p in probes], "outputs": [[float(v) for v in row] for row in y]}
    with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
        json.dump(expected, f)
        f.write("\n")
    print(name, [n.op_type for n in onnx.load(path).graph.node])


def dataset(seed, n):
    """Points on the 1/16 grid in [-2, 2]^2, labelled by a ring: 1 iff 0.8 < |x| < 1.6 (not linearly separable)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(-32, 33, size=(n, 2)) / 16.0
    r = np.sqrt((x ** 2).sum(axis=1))
    return x, ((r > 0.8) & (r < 1.6)).astype(np.int64)


def train(seed):
    x, y = dataset(seed, 60)
    torch.manual_seed(seed)
    W = 8  # hidden width
    net = nn.Sequential(nn.Linear(2, W), nn.LayerNorm(W), nn.Linear(W, W), nn.LayerNorm(W), nn.Linear(W, 1))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    for epoch in range(5000):
        opt.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(net(xt)[:, 0], yt)
        loss.backward()
        opt.step()
    acc = float(((net(xt)[:, 0] > 0).float() == yt).float().mean())
    print(f"trained: seed {seed}, {len(y)} samples, final loss {float(loss):.4g}, training accuracy {acc:.3f}")
    with open(os.path.join(OUT, "trained-ring.csv"), "w") as f:
        f.write("x1,x2,label\n")
        for (a, b), label in zip(x, y):
            f.write(f"{int(a * 16)}/16,{int(b * 16)}/16,{label}\n")
    return net, x


def train_classes(seed, classes=3):
    """A C-class LN-Net (logits, cross-entropy) on points of the 1/16 grid labelled by angular sector."""
    rng = np.random.default_rng(seed)
    x = rng.integers(-32, 33, size=(60, 2)) / 16.0
    y = (np.floor((np.arctan2(x[:, 1], x[:, 0]) + np.pi) / (2 * np.pi) * classes).astype(np.int64)) % classes
    torch.manual_seed(seed)
    W = 8  # hidden width
    net = nn.Sequential(nn.Linear(2, W), nn.LayerNorm(W), nn.Linear(W, W), nn.LayerNorm(W), nn.Linear(W, classes))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y)
    for epoch in range(3000):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(xt), yt)
        loss.backward()
        opt.step()
    acc = float((net(xt).argmax(dim=1) == yt).float().mean())
    print(f"trained {classes} classes: seed {seed}, {len(y)} samples, final loss {float(loss):.4g}, training accuracy {acc:.3f}")
    with open(os.path.join(OUT, f"trained-sectors{classes}.csv"), "w") as f:
        f.write("x1,x2,label\n")
        for (a, b), label in zip(x, y):
            f.write(f"{int(a * 16)}/16,{int(b * 16)}/16,{label}\n")
    return net, x


def fashion_mnist(n, pool=4):
    """The first n Fashion-MNIST training images (Debian dataset-fashion-mnist), pooled pool x pool:
    features s / (256 pool^2), s a block's pixel sum (dyadic: exact in float32 and in the CSV)."""
    import gzip
    with gzip.open("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[: n * 784].reshape(n, 28, 28).astype(np.int64)
    sums = raw.reshape(n, 28 // pool, pool, 28 // pool, pool).sum(axis=(2, 4)).reshape(n, -1)
    return sums, 256 * pool * pool


def train_random_classes(seed, n=100, classes=10, width=16, groups=4):
    """10-class random labels on real images: an LN-G-Net (reshape-then-normalise) fitted with cross-entropy."""
    sums, scale = fashion_mnist(n)
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    torch.manual_seed(seed)

    class LNG(nn.Module):
        def __init__(self):
            super().__init__()
            self.l1, self.l2, self.l3 = nn.Linear(sums.shape[1], width), nn.Linear(width, width), nn.Linear(width, classes)
            self.n1, self.n2 = nn.LayerNorm(width // groups), nn.LayerNorm(width // groups)

        def forward(self, x):
            h = self.n1(self.l1(x).view(-1, groups, width // groups)).view(-1, width)
            h = self.n2(self.l2(h).view(-1, groups, width // groups)).view(-1, width)
            return self.l3(h)

    net = LNG()
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    xt, yt = torch.tensor(sums / scale, dtype=torch.float32), torch.tensor(y)
    for epoch in range(3000):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(xt), yt)
        loss.backward()
        opt.step()
    acc = float((net(xt).argmax(dim=1) == yt).float().mean())
    print(f"trained {classes} random classes on {n} Fashion-MNIST images: seed {seed}, final loss {float(loss):.4g}, training accuracy {acc:.3f}")
    with open(os.path.join(OUT, "fmnist-random10.csv"), "w") as f:
        f.write(",".join(f"x{i + 1}" for i in range(sums.shape[1])) + ",label\n")
        for row, label in zip(sums, y):
            f.write(",".join(f"{v}/{scale}" for v in row) + f",{label}\n")
    return net, (sums / scale)[:8]


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    probes2 = [[0.0, 0.0], [1.0, -0.5], [-1.25, 2.0], [0.3, 0.7], [-3.0, -1.5]]
    plain = randomize(nn.Sequential(nn.Linear(2, 3), nn.LayerNorm(3, elementwise_affine=False), nn.Linear(3, 3),
                                    nn.LayerNorm(3, elementwise_affine=False), nn.Linear(3, 1)), 1)
    export(plain, "ln-plain-op13", 2, 13, probes2)
    export(plain, "ln-plain-op17", 2, 17, probes2)
    affine = randomize(nn.Sequential(nn.Linear(2, 3), nn.LayerNorm(3), nn.Linear(3, 1)), 2)
    export(affine, "ln-affine-op13", 2, 13, probes2)
    export(affine, "ln-affine-op17", 2, 17, probes2)
    logits = randomize(nn.Sequential(nn.Linear(2, 3), nn.LayerNorm(3), nn.Linear(3, 2)), 3)
    export(logits, "ln-logits2-op13", 2, 13, probes2)
    export(randomize(GroupNormNet(2, 6, 2), 4), "lng-groupnorm-op13", 2, 13, probes2)
    reshape = randomize(Grouped(2, 6, 2, affine=True, dynamic=True), 5)
    export(reshape, "lng-reshape-op13", 2, 13, probes2)
    export(reshape, "lng-reshape-op17", 2, 17, probes2)
    export(randomize(Grouped(2, 6, 3, affine=False, dynamic=False), 6), "lng-reshape-plain-op17", 2, 17, probes2)
    export(randomize(nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)), 7), "relu-op13", 2, 13, probes2)
    net, x = train(11)
    export(net, "trained-ring-op13", 2, 13, [list(p) for p in x[:8]])
    net, x = train_classes(12)
    export(net, "trained-sectors3-op13", 2, 13, [list(p) for p in x[:8]])
    net, x = train_random_classes(13)
    export(net, "fmnist-random10-op13", x.shape[1], 13, [list(p) for p in x])


if __name__ == "__main__":
    main()
