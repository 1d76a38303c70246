"""A whole module pickled with torch.save as model.pth, and no script."""
import os
import sys

import torch

torch.save(torch.nn.Linear(4, 2), os.path.join(sys.argv[1], "model.pth"))
