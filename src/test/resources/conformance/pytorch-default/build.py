"""A TorchScript model with dropout (model.pt, no script), and its eval-mode answers."""
import json
import os
import sys

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Dropout(0.5), torch.nn.Linear(8, 2))
torch.jit.save(torch.jit.script(model), os.path.join(sys.argv[1], "model.pt"))
model.eval()
with torch.no_grad():
    for name, rows in (("eval.json", [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]), ("eval-one.json", [[1, 2, 3, 4]])):
        with open(os.path.join(sys.argv[2], name), "w") as f:
            json.dump(model(torch.tensor(rows, dtype=torch.float32)).tolist(), f)
