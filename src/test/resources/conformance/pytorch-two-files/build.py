"""Two TorchScript files and no script: the default loader takes exactly one."""
import os
import sys

import torch

for name in ("encoder.pth", "decoder.pth"):
    torch.jit.save(torch.jit.script(torch.nn.Linear(4, 4)), os.path.join(sys.argv[1], name))
