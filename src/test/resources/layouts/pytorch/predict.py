"""A PyTorch entry point that builds its model itself: the archive holds no model file."""
import torch


def model_fn(model_dir):
    model = torch.nn.Linear(2, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[1.0, 10.0]]))
        model.bias.fill_(0.5)
    return model
