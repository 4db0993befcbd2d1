# Writes cases.json: np ops on special values (NaN, ±Infinity, -0) and on empty
# and size-1 shapes, with what numpy (scipy for softmax and logsumexp) computes
# for each. Run it after changing the cases (needs numpy and scipy):
#   python3 test/runtime/numpy/generate-cases.py
# numpy-agreement.test.ts runs every case on tsvmap's np and compares.
import json
import math
import warnings
from pathlib import Path

import numpy as np
import scipy.special

warnings.filterwarnings("ignore")
specials = [math.nan, math.inf, -math.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.5, -2.5, 3.0, -7.0, 1e308, 5e-324]


def number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0 and math.copysign(1, v) < 0:
        return "-0"
    return v


def tensor(a):
    a = np.asarray(a)
    dtype = {"float64": "float64", "float32": "float32", "int32": "int32", "int64": "int32", "bool": "bool"}[str(a.dtype)]
    values = [bool(v) if dtype == "bool" else number(v) for v in a.ravel()]
    return {"tensor": {"dtype": dtype, "shape": list(a.shape), "values": values}}


def encode(v):
    if isinstance(v, np.ndarray):
        return tensor(v)
    if isinstance(v, list):
        return {"list": [encode(x) for x in v]}
    if isinstance(v, (np.floating, float)):
        return {"number": number(v)}
    if isinstance(v, np.integer):
        return {"number": int(v)}
    if isinstance(v, np.bool_):
        return {"raw": bool(v)}
    return {"raw": v}


def f64(values, shape=None):
    a = np.array(values, dtype=np.float64)
    return a.reshape(shape) if shape is not None else a


cases = []


def _raise(error):
    """numpy computes what tsvmap refuses (its matrix norms): the case expects tsvmap's error."""
    raise error()


def case(name, op, args, compute, tensor_result=False):
    """`tensor_result`: tsvmap returns a rank-0 Tensor where numpy returns a scalar (a reduction along an axis, matmul)."""
    try:
        result = encode(np.asarray(compute()) if tensor_result else compute())
    except (ValueError, IndexError, TypeError) as error:
        result = {"error": type(error).__name__}
    cases.append({"name": name, "op": op, "args": [encode(a) for a in args], "result": result})


unary = {"neg": np.negative, "abs": np.abs, "sign": np.sign, "square": np.square, "floor": np.floor, "ceil": np.ceil,
         "round": np.round, "sqrt": np.sqrt, "exp": np.exp, "log": np.log, "log1p": np.log1p, "expm1": np.expm1,
         "sin": np.sin, "cos": np.cos, "tan": np.tan, "tanh": np.tanh, "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
         "logicalNot": np.logical_not}
binary = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "pow": np.power, "mod": np.mod,
          "maximum": np.maximum, "minimum": np.minimum, "less": np.less, "lessEqual": np.less_equal,
          "greater": np.greater, "greaterEqual": np.greater_equal, "equal": np.equal, "notEqual": np.not_equal,
          "logicalAnd": np.logical_and, "logicalOr": np.logical_or, "logicalXor": np.logical_xor}
shapes = [(0,), (1,), (2, 0), (0, 3), (1, 1), (1, 0, 2)]


def filled(shape):
    return np.arange(1, math.prod(shape) + 1, dtype=np.float64).reshape(shape) - 1.5


column, row = f64(specials, (len(specials), 1)), f64(specials, (1, len(specials)))
for name, fn in unary.items():
    case(f"{name} of special values", name, [f64(specials)], lambda fn=fn: fn(f64(specials)))
    for shape in shapes:
        case(f"{name} of shape {shape}", name, [filled(shape)], lambda fn=fn, shape=shape: fn(filled(shape)))
for name, fn in binary.items():
    case(f"{name} of every pair of special values", name, [column, row], lambda fn=fn: fn(column, row))
    for a, b in [((0,), (0,)), ((2, 0), (0,)), ((1,), (0,)), ((0, 3), (1, 3)), ((1, 1), (1,)), ((2, 1), (1, 0)), ((0,), (2,))]:
        case(f"{name} of shapes {a} and {b}", name, [filled(a), filled(b)], lambda fn=fn, a=a, b=b: fn(filled(a), filled(b)))

# Ints wrap like int32; numpy keeps int32 for these.
ints = np.array([7, -3, 2**30, 46341, 0, -(2**31)], dtype=np.int32)
case("mul of int32, wrapping", "mul", [ints, ints], lambda: ints * ints)
case("square of int32, wrapping", "square", [ints], lambda: np.square(ints))
case("add of int32, wrapping", "add", [ints, ints], lambda: ints + ints)

# numpy's inverse and hyperbolic functions, logs, roots, the float tests, arctan2 and hypot.
more_unary = {"sinh": np.sinh, "cosh": np.cosh, "arcsin": np.arcsin, "arccos": np.arccos, "arctan": np.arctan,
              "arcsinh": np.arcsinh, "arccosh": np.arccosh, "arctanh": np.arctanh, "log2": np.log2, "log10": np.log10,
              "cbrt": np.cbrt, "trunc": np.trunc, "isnan": np.isnan, "isinf": np.isinf, "isfinite": np.isfinite}
more_binary = {"arctan2": np.arctan2, "hypot": np.hypot}
unit_steps = f64([-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0])
for name, fn in more_unary.items():
    case(f"{name} of special values", name, [f64(specials)], lambda fn=fn: fn(f64(specials)))
    case(f"{name} of steps through [-1, 1]", name, [unit_steps], lambda fn=fn: fn(unit_steps))
    case(f"{name} of int32", name, [ints], lambda fn=fn: fn(ints))
    for shape in shapes:
        case(f"{name} of shape {shape}", name, [filled(shape)], lambda fn=fn, shape=shape: fn(filled(shape)))
for name, fn in more_binary.items():
    case(f"{name} of every pair of special values", name, [column, row], lambda fn=fn: fn(column, row))
    case(f"{name} of int32", name, [ints, ints[::-1].copy()], lambda fn=fn: fn(ints, ints[::-1]))
    for a, b in [((0,), (0,)), ((2, 0), (0,)), ((1,), (0,)), ((0, 3), (1, 3)), ((1, 1), (1,)), ((2, 1), (1, 0)), ((0,), (2,))]:
        case(f"{name} of shapes {a} and {b}", name, [filled(a), filled(b)], lambda fn=fn, a=a, b=b: fn(filled(a), filled(b)))

# numpy's linalg.norm of vectors, along axes, Frobenius over two, of int32, of nothing; matrix norms are errors here.
vector = f64([3.0, -4.0, 0.0, 1.5, -0.25])
matrix = filled((3, 4))
for ord in [None, 2, 1, math.inf, -math.inf, 3, -1, 0.5]:
    label = "none" if ord is None else str(ord)
    case(f"linalg.norm of a vector, ord {label}", "linalg.norm", [vector, ord], lambda ord=ord: np.linalg.norm(vector, ord))
    case(f"linalg.norm of special values, ord {label}", "linalg.norm", [f64(specials), ord], lambda ord=ord: np.linalg.norm(f64(specials), ord))
    for axis in [0, 1, -1]:
        case(f"linalg.norm of a matrix along axis {axis}, ord {label}", "linalg.norm", [matrix, ord, axis],
             lambda ord=ord, axis=axis: np.linalg.norm(matrix, ord, axis), True)
    case(f"linalg.norm of a matrix along axis 1 with keepdims, ord {label}", "linalg.norm", [matrix, ord, 1, True],
         lambda ord=ord: np.linalg.norm(matrix, ord, 1, True), True)
    case(f"linalg.norm of int32, ord {label}", "linalg.norm", [ints, ord], lambda ord=ord: np.linalg.norm(ints, ord))
case("linalg.norm of a matrix, no ord", "linalg.norm", [matrix], lambda: np.linalg.norm(matrix))
case("linalg.norm of a matrix over both axes, fro", "linalg.norm", [matrix, "fro", [0, 1]], lambda: np.linalg.norm(matrix, "fro", (0, 1)), True)
case("linalg.norm of a matrix over both axes, keepdims", "linalg.norm", [matrix, None, [0, 1], True], lambda: np.linalg.norm(matrix, None, (0, 1), True), True)
case("linalg.norm of a rank-3 tensor, no ord", "linalg.norm", [filled((2, 3, 2))], lambda: np.linalg.norm(filled((2, 3, 2))))
case("linalg.norm of nothing", "linalg.norm", [f64([])], lambda: np.linalg.norm(f64([])))
case("linalg.norm of nothing, ord 1", "linalg.norm", [f64([]), 1], lambda: np.linalg.norm(f64([]), 1))
case("linalg.norm of a matrix, ord 1: a matrix norm", "linalg.norm", [matrix, 1], lambda: _raise(ValueError))
case("linalg.norm of a vector, fro", "linalg.norm", [vector, "fro"], lambda: np.linalg.norm(vector, "fro"))

# numpy's einsum: contractions, sums, transposes, outer and implicit outputs, int32, empty axes; diagonals and "..." are errors here.
a23, b34, c4 = filled((2, 3)), filled((3, 4)) * 0.5, f64([1.0, -2.0, 0.5, 3.0])
batch_a, batch_b = filled((2, 2, 3)), filled((2, 3, 2))
einsums = [
    ("ij,jk->ik", [a23, b34]), ("ij,jk", [a23, b34]), ("ij,kj->ik", [a23, a23]), ("ij->ji", [a23]), ("ij->", [a23]),
    ("ij->j", [a23]), ("i,i->", [c4, c4]), ("i,j->ij", [c4, f64([2.0, -1.0])]), ("ij,ij->", [a23, a23]),
    ("bij,bjk->bik", [batch_a, batch_b]), ("bij,jk->bik", [batch_a, filled((3, 4))]), ("ij,jk,k->i", [a23, b34, c4]),
    ("ij,jk->ki", [a23, b34]), ("i->", [f64([])]), ("ij,jk->ik", [filled((2, 0)), filled((0, 3))]),
    ("ij,jk->ik", [np.array([[1, 2], [3, 4]], dtype=np.int32), np.array([[5, 6], [7, 8]], dtype=np.int32)]),
    ("ij,jk->ik", [f64(specials[:4], (2, 2)), f64(specials[4:8], (2, 2))]),
]
for subscripts, operands in einsums:
    case(f"einsum {subscripts} of shapes {[o.shape for o in operands]}", "einsum", [subscripts, *operands],
         lambda subscripts=subscripts, operands=operands: np.einsum(subscripts, *operands), True)
case("einsum ii->i, a diagonal", "einsum", ["ii->i", filled((2, 2))], lambda: _raise(ValueError))
case("einsum ...ij->ij", "einsum", ["...ij->ij", filled((2, 2))], lambda: _raise(ValueError))
case("einsum ij,jk->ik of mismatched extents", "einsum", ["ij,jk->ik", a23, a23], lambda: np.einsum("ij,jk->ik", a23, a23))
case("einsum ij->ik, an output axis of no operand", "einsum", ["ij->ik", a23], lambda: np.einsum("ij->ik", a23))
case("einsum ijk->i of a matrix", "einsum", ["ijk->i", a23], lambda: np.einsum("ijk->i", a23))

# numpy's sort, argsort (stable for these small rows, as numpy's insertion sort is), flip, tril and triu.
unsorted = f64([[3.0, math.nan, -1.0, 2.0], [0.0, -0.0, math.inf, -math.inf], [5.0, 5.0, -2.0, 5.0]])
for name, fn in {"sort": np.sort, "argsort": np.argsort}.items():
    case(f"{name} of special values", name, [f64(specials)], lambda fn=fn: fn(f64(specials), kind="stable"))
    for axis in [0, 1, -1, None]:
        case(f"{name} of rows along axis {axis}", name, [unsorted, axis], lambda fn=fn, axis=axis: fn(unsorted, axis=axis, kind="stable"))
    case(f"{name} of int32", name, [ints], lambda fn=fn: fn(ints, kind="stable"))
    case(f"{name} of nothing", name, [f64([])], lambda fn=fn: fn(f64([]), kind="stable"))
    case(f"{name} of a bool vector", name, [np.array([True, False, True])], lambda fn=fn: fn(np.array([True, False, True]), kind="stable"))
for axis in [None, 0, 1, [0, 1], -1]:
    case(f"flip along {axis}", "flip", [unsorted, axis], lambda axis=axis: np.flip(unsorted, axis=None if axis is None else tuple(axis) if isinstance(axis, list) else axis))
for name, fn in {"tril": np.tril, "triu": np.triu}.items():
    for k in [0, 1, -1, 5]:
        case(f"{name} of a 3 × 4 matrix, k {k}", name, [unsorted, k], lambda fn=fn, k=k: fn(unsorted, k))
    case(f"{name} of a stack of matrices", name, [filled((2, 2, 3))], lambda fn=fn: fn(filled((2, 2, 3))))
    case(f"{name} of int32", name, [np.array([[1, 2], [3, 4]], dtype=np.int32)], lambda fn=fn: fn(np.array([[1, 2], [3, 4]], dtype=np.int32)))
for offset in [0, 1, -1, 3, -5]:
    case(f"diagonal of a 3 × 4 matrix, offset {offset}", "diagonal", [unsorted, offset], lambda offset=offset: np.diagonal(unsorted, offset))
case("diagonal of a stack, axes 1 and 2", "diagonal", [filled((2, 3, 3)), 0, 1, 2], lambda: np.diagonal(filled((2, 3, 3)), 0, 1, 2))
case("diagonal of a stack, axes -1 and 0", "diagonal", [filled((2, 3, 2)), 1, -1, 0], lambda: np.diagonal(filled((2, 3, 2)), 1, -1, 0))
case("diagonal of int32", "diagonal", [np.array([[1, 2], [3, 4]], dtype=np.int32)], lambda: np.diagonal(np.array([[1, 2], [3, 4]], dtype=np.int32)))
case("diagonal of a vector", "diagonal", [f64([1.0, 2.0])], lambda: np.diagonal(f64([1.0, 2.0])))


reductions = {"sum": np.sum, "prod": np.prod, "max": np.max, "min": np.min, "mean": np.mean, "var": np.var, "std": np.std,
              "any": np.any, "all": np.all, "median": np.median}
vectors = {"-0": [-0.0], "-0, -0": [-0.0, -0.0], "NaN among numbers": [1.0, math.nan, 2.0], "+inf and -inf": [math.inf, -math.inf],
           "+inf and 1": [math.inf, 1.0], "1e308 twice": [1e308, 1e308]}
for name, fn in reductions.items():
    for label, values in vectors.items():
        case(f"{name} of {label}", name, [f64(values)], lambda fn=fn, values=values: fn(f64(values)))
    for shape in shapes:
        x = filled(shape)
        case(f"{name} of shape {shape}", name, [x], lambda fn=fn, x=x: fn(x))
        for axis in range(len(shape)):
            case(f"{name} of shape {shape} along axis {axis}", name, [x, axis], lambda fn=fn, x=x, axis=axis: fn(x, axis=axis), True)
            case(f"{name} of shape {shape} along axis {axis}, keepdims", name, [x, axis, True],
                 lambda fn=fn, x=x, axis=axis: fn(x, axis=axis, keepdims=True))
        case(f"{name} of shape {shape} along every axis, keepdims", name, [x, None, True], lambda fn=fn, x=x: fn(x, keepdims=True))
for name, fn in {"var": np.var, "std": np.std}.items():
    for ddof in [1, 3]:
        for shape in [(0,), (1,), (3,), (2, 3)]:
            x = filled(shape)
            case(f"{name} of shape {shape}, ddof {ddof}", name, [x, None, False, ddof], lambda fn=fn, x=x, ddof=ddof: fn(x, ddof=ddof))
            case(f"{name} of shape {shape} along axis 0, ddof {ddof}", name, [x, 0, False, ddof], lambda fn=fn, x=x, ddof=ddof: fn(x, axis=0, ddof=ddof), True)
for name, fn in {"cumsum": np.cumsum, "cumprod": np.cumprod}.items():
    for label, values in vectors.items():
        case(f"{name} of {label}", name, [f64(values)], lambda fn=fn, values=values: fn(f64(values)))
    for shape in shapes:
        x = filled(shape)
        case(f"{name} of shape {shape}", name, [x], lambda fn=fn, x=x: fn(x))
        for axis in range(len(shape)):
            case(f"{name} of shape {shape} along axis {axis}", name, [x, axis], lambda fn=fn, x=x, axis=axis: fn(x, axis=axis))
for label, values in vectors.items():
    case(f"diff of {label}", "diff", [f64(values)], lambda values=values: np.diff(f64(values)))
case("diff of bools", "diff", [np.array([True, False, False, True])], lambda: np.diff(np.array([True, False, False, True])))
for shape in shapes:
    x = filled(shape)
    for order in [0, 1, 2]:
        for axis in range(len(shape)):
            case(f"diff of shape {shape}, order {order}, along axis {axis}", "diff", [x, order, axis], lambda x=x, order=order, axis=axis: np.diff(x, order, axis))
case("diff of a rank-0 array", "diff", [f64(3.0)], lambda: np.diff(f64(3.0)))
for name, fn in {"argmax": np.argmax, "argmin": np.argmin}.items():
    for values in [[1.0, math.nan, 3.0, math.nan], [-0.0, 0.0, -1.0, -1.0], [math.inf, math.inf], [-math.inf]]:
        case(f"{name} of {values}", name, [f64(values)], lambda fn=fn, values=values: fn(f64(values)))
    for shape in shapes:
        x = filled(shape)
        case(f"{name} of shape {shape}", name, [x], lambda fn=fn, x=x: fn(x))
        for axis in range(len(shape)):
            case(f"{name} of shape {shape} along axis {axis}", name, [x, axis], lambda fn=fn, x=x, axis=axis: fn(x, axis=axis), True)

for shape in shapes:
    x = filled(shape)
    case(f"where of shape {shape}", "where", [x > 0, x, -x], lambda x=x: np.where(x > 0, x, -x))
    case(f"clip of shape {shape}", "clip", [x, -1.0, 1.0], lambda x=x: np.clip(x, -1.0, 1.0))
    case(f"transpose of shape {shape}", "transpose", [x], lambda x=x: np.transpose(x))
    case(f"expandDims of shape {shape}", "expandDims", [x, 0], lambda x=x: np.expand_dims(x, 0))
    case(f"reshape of shape {shape} to (-1,)", "reshape", [x, [-1]], lambda x=x: np.reshape(x, (-1,)))
    case(f"concatenate of shape {shape} twice", "concatenate", [[x, x], 0], lambda x=x: np.concatenate([x, x], 0))
    case(f"stack of shape {shape} twice", "stack", [[x, x], 1], lambda x=x: np.stack([x, x], 1))
    case(f"squeeze of shape {shape}", "squeeze", [x], lambda x=x: np.squeeze(x))
    case(f"take of nothing from shape {shape}", "take", [x, [], 0], lambda x=x: np.take(x, np.array([], dtype=np.int32), 0))
for values in [[math.inf, 1.0], [-math.inf, -math.inf], [math.nan, 1.0], [-0.0], [1e308, 1e308], [-1e308, 0.0]]:
    case(f"softmax of {values}", "softmax", [f64(values)], lambda values=values: scipy.special.softmax(f64(values)))
    case(f"logsumexp of {values}", "logsumexp", [f64(values)], lambda values=values: scipy.special.logsumexp(f64(values)))
    case(f"logSoftmax of {values}", "logSoftmax", [f64(values)], lambda values=values: scipy.special.log_softmax(f64(values)))
# scipy refuses a softmax over an empty axis (there is no maximum to shift by); tsvmap gives the empty result.
for shape in [(1,), (1, 1), (2, 1), (1, 0, 2), (0, 3)]:
    x = filled(shape)
    case(f"softmax of shape {shape}", "softmax", [x], lambda x=x: scipy.special.softmax(x, axis=-1))
    case(f"logSoftmax of shape {shape}", "logSoftmax", [x], lambda x=x: scipy.special.log_softmax(x, axis=-1))
    case(f"logsumexp of shape {shape} along axis 0", "logsumexp", [x, 0], lambda x=x: scipy.special.logsumexp(x, axis=0), True)
logits = f64([[2.0, -1.0, 800.0, 0.5], [-3.0, -1e3, 4.0, 1e-3]])
case("logSoftmax of logits with a huge one, along the last axis", "logSoftmax", [logits], lambda: scipy.special.log_softmax(logits, axis=-1))
case("logSoftmax of logits along the first axis", "logSoftmax", [logits, 0], lambda: scipy.special.log_softmax(logits, axis=0))
case("where of special values", "where", [f64(specials) > 0, f64(specials), 0.0], lambda: np.where(f64(specials) > 0, f64(specials), 0.0))
case("clip of special values", "clip", [f64(specials), -1.0, 1.0], lambda: np.clip(f64(specials), -1.0, 1.0))
case("broadcastTo of shape (1,) to (0,)", "broadcastTo", [filled((1,)), [0]], lambda: np.broadcast_to(filled((1,)), (0,)))
case("broadcastTo of shape (1, 1) to (2, 0, 3)", "broadcastTo", [filled((1, 1)), [2, 0, 3]], lambda: np.broadcast_to(filled((1, 1)), (2, 0, 3)))
for a, b in [((0,), (0,)), ((2, 0), (0, 3)), ((0, 2), (2,)), ((1,), (1,)), ((1, 1), (1, 1)), ((0, 2), (2, 0))]:
    case(f"dot of shapes {a} and {b}", "dot", [filled(a), filled(b)], lambda a=a, b=b: np.dot(filled(a), filled(b)))
    case(f"matmul of shapes {a} and {b}", "matmul", [filled(a), filled(b)], lambda a=a, b=b: np.matmul(filled(a), filled(b)), True)
for a, b in [((0,), (3,)), ((1,), (1,)), ((2,), (0,))]:
    case(f"outer of shapes {a} and {b}", "outer", [filled(a), filled(b)], lambda a=a, b=b: np.outer(filled(a), filled(b)))
case("dot of special values", "dot", [f64([math.inf, 1.0]), f64([0.0, 1.0])], lambda: np.dot(f64([math.inf, 1.0]), f64([0.0, 1.0])))
case("matmul with NaN", "matmul", [f64([[math.nan, 1.0]]), f64([[0.0], [1.0]])], lambda: np.matmul(f64([[math.nan, 1.0]]), f64([[0.0], [1.0]])))

# numpy's trace: the diagonal's sum, of matrices with offsets, along other axes, of ints, bools and nothing.
for shape, args in [((3, 3), []), ((2, 4), [1]), ((4, 2), [-1]), ((3, 3), [5]), ((2, 3, 4), [0, 1, 2]), ((2, 3, 4), [1, 0, 2]),
                    ((3, 2, 2), [0, -2, -1]), ((0, 3), []), ((1, 1), [])]:
    x = filled(shape)
    case(f"trace of shape {shape}, {args}", "trace", [x, *args], lambda x=x, args=args: np.trace(x, *args))
case("trace of int32", "trace", [np.arange(9, dtype=np.int32).reshape(3, 3)], lambda: np.trace(np.arange(9, dtype=np.int32).reshape(3, 3)))
case("trace of special values", "trace", [f64([[math.inf, 1.0], [2.0, -math.inf]])], lambda: np.trace(f64([[math.inf, 1.0], [2.0, -math.inf]])))

# numpy's cross of 3-vectors along the last axis, broadcast, of int32 (wrapping), float32 and special values.
u3, v3 = f64([1.0, -2.0, 0.5]), f64([[3.0, 0.0, -1.0], [0.25, 4.0, 2.0]])
case("cross of two vectors", "cross", [u3, v3[0]], lambda: np.cross(u3, v3[0]))
case("cross of a vector and a stack", "cross", [u3, v3], lambda: np.cross(u3, v3))
case("cross of broadcast stacks", "cross", [v3.reshape(2, 1, 3), v3], lambda: np.cross(v3.reshape(2, 1, 3), v3))
case("cross of int32 that wraps", "cross", [np.array([70000, 1, 2], dtype=np.int32), np.array([3, 70000, 5], dtype=np.int32)],
     lambda: np.cross(np.array([70000, 1, 2], dtype=np.int32), np.array([3, 70000, 5], dtype=np.int32)))
case("cross of float32", "cross", [u3.astype(np.float32), v3.astype(np.float32)], lambda: np.cross(u3.astype(np.float32), v3.astype(np.float32)))
case("cross of special values", "cross", [f64([math.inf, 1.0, math.nan]), f64([0.0, -0.0, 1.0])], lambda: np.cross(f64([math.inf, 1.0, math.nan]), f64([0.0, -0.0, 1.0])))
case("cross of vectors of 4", "cross", [f64([1.0, 2.0, 3.0, 4.0]), f64([1.0, 2.0, 3.0, 4.0])], lambda: np.cross(f64([1.0, 2.0, 3.0, 4.0]), f64([1.0, 2.0, 3.0, 4.0])))
case("cross of empty stacks", "cross", [np.zeros((0, 3)), u3], lambda: np.cross(np.zeros((0, 3)), u3))

# numpy's linalg.det, inv and solve (LAPACK's getrf): matrices that need row swaps, stacks, numpy 2's vector and
# matrix b, broadcast stacks, float32 and int32, empty stacks and 0x0 matrices, a singular det (+0). A singular
# inv or solve is LinAlgError in numpy and infinities here, as in JAX: not a case.
swapped = f64([[0.0, 2.0, 1.0], [3.0, 0.0, 1.0], [1.0, 1.0, 4.0]])
spd = f64([[4.0, 1.0, 2.0], [1.0, 5.0, 3.0], [2.0, 3.0, 6.0]])
stack = np.stack([swapped, spd, f64([[1.0, 2.0, 0.5], [-1.0, 0.0, 2.0], [3.0, 1.0, 1.0]])])
for name, a in [("a matrix needing row swaps", swapped), ("a symmetric matrix", spd), ("a stack of three", stack),
                ("a 1x1 matrix", f64([[2.5]])), ("a 0x0 matrix", np.zeros((0, 0))), ("an empty stack", np.zeros((0, 2, 2)))]:
    case(f"linalg.det of {name}", "linalg.det", [a], lambda a=a: np.linalg.det(a))
    case(f"linalg.inv of {name}", "linalg.inv", [a], lambda a=a: np.linalg.inv(a))
    if a.shape[-1] > 0:
        case(f"linalg.solve of {name} and a vector", "linalg.solve", [a, f64(np.arange(a.shape[-1]) + 1.0)],
             lambda a=a: np.linalg.solve(a, f64(np.arange(a.shape[-1]) + 1.0)))
case("linalg.det of a singular matrix", "linalg.det", [f64([[1.0, 2.0], [2.0, 4.0]])], lambda: np.linalg.det(f64([[1.0, 2.0], [2.0, 4.0]])))
case("linalg.det of int32", "linalg.det", [swapped.astype(np.int32)], lambda: np.linalg.det(swapped.astype(np.int32)))
case("linalg.inv of int32", "linalg.inv", [swapped.astype(np.int32)], lambda: np.linalg.inv(swapped.astype(np.int32)))
case("linalg.inv of float32", "linalg.inv", [spd.astype(np.float32)], lambda: np.linalg.inv(spd.astype(np.float32)))
case("linalg.det of a float32 stack", "linalg.det", [stack.astype(np.float32)], lambda: np.linalg.det(stack.astype(np.float32)))
for name, a in [("a symmetric positive-definite matrix", spd), ("a stack", np.stack([spd, spd @ spd, np.eye(3)])),
                ("float32", spd.astype(np.float32)), ("int32", (spd * 2).astype(np.int32)), ("a 0x0 matrix", np.zeros((0, 0))),
                ("an empty stack", np.zeros((0, 2, 2)))]:
    case(f"linalg.cholesky of {name}", "linalg.cholesky", [a], lambda a=a: np.linalg.cholesky(a))
rhs = f64([[1.0, 0.0], [2.0, -1.0], [0.5, 3.0]])
case("linalg.solve of a matrix and two right-hand sides", "linalg.solve", [swapped, rhs], lambda: np.linalg.solve(swapped, rhs))
case("linalg.solve of a stack and one matrix b", "linalg.solve", [stack, rhs], lambda: np.linalg.solve(stack, rhs))
case("linalg.solve of a matrix and a stack of b", "linalg.solve", [spd, np.stack([rhs, -rhs])], lambda: np.linalg.solve(spd, np.stack([rhs, -rhs])))
case("linalg.solve of broadcast stacks (2, 1) and (3,)", "linalg.solve", [np.stack([stack[:1], stack[1:2]]), np.stack([rhs, rhs * 2, rhs * 3])],
     lambda: np.linalg.solve(np.stack([stack[:1], stack[1:2]]), np.stack([rhs, rhs * 2, rhs * 3])))
case("linalg.solve of float32", "linalg.solve", [spd.astype(np.float32), rhs.astype(np.float32)], lambda: np.linalg.solve(spd.astype(np.float32), rhs.astype(np.float32)))
case("linalg.solve of a b that does not fit", "linalg.solve", [spd, f64([1.0, 2.0])], lambda: np.linalg.solve(spd, f64([1.0, 2.0])))
case("linalg.det of a matrix that is not square", "linalg.det", [np.zeros((2, 3))], lambda: np.linalg.det(np.zeros((2, 3))))

# numpy keeps bool: add is logical or, multiply logical and, maximum and minimum choose, abs, floor, ceil and trunc
# give the bool itself; bool subtraction is a TypeError; a bool meeting an integer, or divided, is a number.
bools_a, bools_b = np.array([True, True, False, False]), np.array([True, False, True, False])
for name, fn in [("add", np.add), ("mul", np.multiply), ("sub", np.subtract), ("maximum", np.maximum), ("minimum", np.minimum),
                 ("div", np.divide), ("equal", np.equal), ("logicalAnd", np.logical_and), ("logicalXor", np.logical_xor)]:
    case(f"{name} of bool Tensors", name, [bools_a, bools_b], lambda fn=fn: fn(bools_a, bools_b))
    case(f"{name} of two booleans", name, [True, False], lambda fn=fn: fn(np.bool_(True), np.bool_(False)))
    case(f"{name} of a bool Tensor and a boolean", name, [bools_a, True], lambda fn=fn: fn(bools_a, True))
for name, fn in [("abs", np.abs), ("floor", np.floor), ("ceil", np.ceil), ("trunc", np.trunc)]:
    case(f"{name} of a bool Tensor", name, [bools_a], lambda fn=fn: fn(bools_a))
    case(f"{name} of a boolean", name, [True], lambda fn=fn: fn(np.bool_(True)))
case("add of a bool Tensor and an integer", "add", [bools_a, 2], lambda: np.add(bools_a, np.int32(2)))
case("mul of a bool Tensor and a fraction", "mul", [bools_a, 0.5], lambda: np.multiply(bools_a, 0.5))
case("sum of an add of bool Tensors", "sum", [np.add(bools_a, bools_b)], lambda: np.sum(np.add(bools_a, bools_b)))
case("outer of bool Tensors", "outer", [bools_a, bools_b], lambda: np.outer(bools_a, bools_b))

# numpy's zeros_like and ones_like keep the shape and dtype; of a JS number or boolean, a JS number or boolean.
for name, fn in [("zerosLike", np.zeros_like), ("onesLike", np.ones_like)]:
    for label, a in [("special values", f64(specials)), ("int32", ints), ("float32", f64(specials).astype(np.float32)),
                     ("bools", bools_a), ("shape (2, 0)", filled((2, 0))), ("shape (1, 1)", filled((1, 1)))]:
        case(f"{name} of {label}", name, [a], lambda fn=fn, a=a: fn(a))
    case(f"{name} of a number", name, [2.5], lambda fn=fn: float(fn(2.5)))
    case(f"{name} of a boolean", name, [True], lambda fn=fn: np.bool_(fn(True)))

# numpy's pairwise summation, to the last bit: rows below 8, up to a leaf of 128, and split in halves beyond;
# along the last axis of a matrix (each row pairwise), along the first (one row at a time), means; float32 sums in float64.
rng = np.random.default_rng(7)
for n in [3, 7, 8, 9, 15, 16, 17, 100, 127, 128, 129, 136, 255, 256, 257, 1000, 1031, 4100]:
    v = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
    case(f"sum of {n} values of mixed magnitudes", "sum", [v], lambda v=v: np.sum(v))
rows = rng.standard_normal((3, 300))
case("sum along the last axis of 300-element rows", "sum", [rows, -1], lambda: np.sum(rows, -1))
case("sum along the first axis", "sum", [rows, 0], lambda: np.sum(rows, 0))
case("mean along the last axis of 300-element rows", "mean", [rows, 1], lambda: np.mean(rows, 1))
case("sum of a 3x300 matrix", "sum", [rows], lambda: np.sum(rows))

target = Path(__file__).with_name("cases.json")
lines = ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases)
target.write_text(f'{{"numpy":{json.dumps(np.__version__)},"cases":[\n{lines}\n]}}\n')
print(f"wrote {len(cases)} cases to {target}")
