"""Reads handler scripts with Python's own parser, for the deploy doctor; nothing is run or imported.

    python script_facts.py < {"code/inference.py": "source", ...}

prints one JSON object: for each script its module-level functions (with what their signature
accepts, as inspect.signature would count it), every import (module, line, whether it sits at
module level and whether a try block guards it) and a syntax error if the file has one; and the
standard library's module names of this Python, which no image needs to install.
"""
import ast
import json
import sys


def signature(node):
    args = node.args
    positional = list(getattr(args, "posonlyargs", [])) + list(args.args)
    required = len(positional) - len(args.defaults)
    required_keywords = sum(1 for default in args.kw_defaults if default is None)
    # inspect.signature(func).parameters counts every parameter, *args and **kwargs included
    count = len(positional) + len(args.kwonlyargs) + (1 if args.vararg else 0) + (1 if args.kwarg else 0)
    return {
        "line": node.lineno,
        "parameters": count,
        "positional": len(positional),
        "required": required,
        "varargs": args.vararg is not None,
        "requiredKeywords": required_keywords,
    }


class Imports(ast.NodeVisitor):
    def __init__(self):
        self.found = []
        self.depth = 0
        self.guarded = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_ClassDef = visit_FunctionDef

    def visit_Try(self, node):
        self.guarded += 1
        for statement in node.body:
            self.visit(statement)
        self.guarded -= 1
        for part in node.handlers + node.orelse + node.finalbody:
            self.visit(part)

    visit_TryStar = visit_Try

    def add(self, module, node):
        self.found.append({"module": module, "line": node.lineno, "topLevel": self.depth == 0,
                           "guarded": self.guarded > 0})

    def visit_Import(self, node):
        for alias in node.names:
            self.add(alias.name, node)

    def visit_ImportFrom(self, node):
        if node.level == 0 and node.module:
            self.add(node.module, node)


def facts(source):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return {"functions": {}, "imports": [],
                "syntaxError": {"line": error.lineno or 0, "message": error.msg or "invalid syntax"}}
    functions = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions[node.name] = signature(node)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                # "from handlers import model_fn" binds the handler at module level
                functions.setdefault(alias.asname or alias.name, {"line": node.lineno, "imported": True})
    visitor = Imports()
    visitor.visit(tree)
    return {"functions": functions, "imports": visitor.found, "syntaxError": None}


def main():
    sources = json.load(sys.stdin)
    stdlib = sorted(getattr(sys, "stdlib_module_names", ()) or sys.builtin_module_names)
    out = {"python": "%d.%d.%d" % sys.version_info[:3], "stdlib": stdlib,
           "scripts": {path: facts(text) for path, text in sources.items()}}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
