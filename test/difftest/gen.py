#!/usr/bin/env python3
"""Random annotated programs for tad's differential tests (run.py).

Program K of seed S is drawn from random.Random(f"{S}:{K}") alone, so it is
the same whatever batch it is generated in (run.py --first K --count 1
reproduces it; --kind K with it for a kind forced by run.py --kind or
--structs). Four kinds, all over what tad supports today:

  general  TAD_JVP TAD_VJP double pK(const double *x, double a, double *y,
           int n): expressions over the <cmath> functions kept inside their
           domains (log and sqrt of values bounded away from 0, asin of
           values in [-0.5, 0.5], exp of bounded values...), scalar locals,
           fixed-size local arrays, loops of every shape (counted up and
           down over int and std::size_t, nested, triangular, while and
           do-while, loops on data), branches on data and on indices,
           break/continue/early return, calls of scalar and array helpers.
  linear   TAD_LINEAR(x, y) TAD_JVP TAD_VJP void pK(const double *c,
           const double *x, double *y, int n): structurally linear in x, y
           (coefficients, branches and loops on c, linear helpers).
  inplace  TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET [TAD_INVERSE] void
           pK(double *x, double *y, const double *c, T n): stepwise
           in-place loops (loopshapes.py, as random_loops.py) with further
           invertible steps (monotone ones f_inverse solves numerically,
           helpers, branches on constants or, without f_inverse, on the
           state).
  structs  TAD_JVP TAD_VJP double pK(const Vec3 *p, const Body &b,
           Body *out, double a, int n) over the structs of STRUCT_DECLS
           (Vec3 with dot, norm2 and scale members and free + - and
           double *; Body of two Vec3, a mass and an integer id, carried;
           Frame with an array member): Vec3 locals by braces and copies
           (of elements, of b's members, of operator results, of helpers
           returning Vec3), member reads and writes, loops over p and out
           with const references to elements, Body & references written
           through and Body copies, helpers taking structs by value (a copy
           they change), const & and &, lambdas capturing by reference
           (writing a captured Vec3 or out, or reading it), captures by
           value and mutable lambdas, whole-struct assignments aliasing
           their operands (out[i].vel = 0.5 * out[i].vel - ..., & and
           const & arguments of one object, a helper's result assigned to
           its argument), += members, members called on temporaries,
           helpers over arrays of structs, taking pointers to structs and
           returning Body, local arrays of structs, references to nested
           members, Frame's array member written by a helper through &,
           read from a by-value copy and by a lambda capturing it, with the general kind's expressions, branches and
           exits. Calls passing structs are made in statements of their
           own (in a condition they are a documented limit,
           V-call-in-condition), and a struct is chosen by if/else, not by
           ?: (C-struct-value). Drawn only when forced
           (run.py --kind structs, --structs M), so that the programs of
           the other kinds stay the same for a seed.

Values are kept in range: every expression carries a bound on its
magnitude for inputs in [-1, 1], and a sub-expression whose bound grows
past BIG is squashed (tanh of a scaled value) before it is used.
"""
import random

from loopshapes import TYPES, coef, counted, loop_program, outer_forms

BIG = 50.0
KINDS = [("general", 0.55), ("linear", 0.2), ("inplace", 0.25)]


def num(v):
    s = repr(float(f"{v:.3g}"))
    return s if "." in s or "e" in s else s + ".0"


class Scope:
    def __init__(self, parent=None):
        self.parent = parent
        self.scalars = []  # [name, bound, used]
        self.indices = []  # (name, kind): "n" (0..n-1) or "8" (0..7)
        self.arrays = []  # local arrays of 8 values

    def all_arrays(self):
        s = self
        out = []
        while s:
            out += s.arrays
            s = s.parent
        return out

    def all_scalars(self):
        s = self
        out = []
        while s:
            out += s.scalars
            s = s.parent
        return out

    def all_indices(self):
        s = self
        out = []
        while s:
            out += s.indices
            s = s.parent
        return out


class General:
    """One general program: statements with expression bounds."""

    def __init__(self, rng, name):
        self.rng = rng
        self.name = name
        self.lines = []
        self.helpers = []
        self.counter = 0
        self.loop_depth = 0
        self.stmts_left = rng.randint(4, 12)
        self.compounding = False

    def fresh(self, p):
        self.counter += 1
        return f"{p}{self.counter}"

    # Expressions -----------------------------------------------------------
    def index(self, scope, for_array):
        """An index expression valid for x/y (n values) or a local array."""
        r = self.rng
        idx = [i for i in scope.all_indices()
               if for_array == "x" or i[1] == "8" or True]
        if for_array == "local":
            cands = [i[0] for i in idx]  # every index is < 8 (n <= 8)
            return r.choice(cands) if cands and r.random() < 0.8 else \
                str(r.randrange(8))
        cands = [i[0] for i in idx if i[1] == "n"]
        if cands and r.random() < 0.85:
            i = r.choice(cands)
            form = r.randrange(5)
            if form == 0:
                return f"n - 1 - {i}"
            if form == 1:
                return f"({i} + 1) % n"
            return i
        return r.choice(["0", "n - 1", "n / 2"])

    def leaf(self, scope):
        r = self.rng
        k = r.randrange(10)
        sc = scope.all_scalars()
        if k < 3:
            return f"x[{self.index(scope, 'x')}]", 1.0
        if k == 3:
            return "a", 1.0
        if k == 4 and scope.all_arrays():
            arr = r.choice(scope.all_arrays())
            return (f"{arr}[{self.index(scope, 'local')}]",
                    3.0)
        if k == 5:
            return f"y[{self.index(scope, 'x')}]", BIG
        if k <= 8 and sc:
            v = r.choice(sc)
            v[2] = True
            return v[0], v[1]
        idx = [i for i in scope.all_indices()]
        if idx and r.random() < 0.3:
            i = r.choice(idx)[0]
            return f"double({i})", 8.0
        c = r.choice([0.5, 1.5, 0.25, 2.0, 0.7, 3.0])
        return num(c if r.random() < 0.7 else -c), c

    def small(self, e):
        """e squashed below BIG; in a loop, where updates compound (a value
        read by the statement that updates it), squashed to 1 always."""
        t, b = e
        if b <= BIG and not (self.loop_depth and self.compounding):
            return e
        return f"std::tanh({num(1.0 / max(b, 1.0))} * ({t}))", 1.0

    def squashed(self, e):
        """The right-hand side of an update: in a loop it is squashed to 1,
        so that a value updated from itself (directly, through y, through a
        helper) stays bounded however many times the loop runs."""
        self.compounding = True
        e = self.small(e)
        self.compounding = False
        return e

    def expr(self, scope, depth):
        r = self.rng
        if depth <= 0 or r.random() < 0.25:
            return self.small(self.leaf(scope))
        k = r.randrange(34)
        e = self.small(self.expr(scope, depth - 1))
        t, b = e
        if k < 6:  # binary arithmetic
            u, c = self.small(self.expr(scope, depth - 1))
            op = r.choice(["+", "-", "*", "+", "-"])
            if op == "*":
                return f"({t}) * ({u})", b * c
            return f"{t} {op} {u}", b + c
        if k == 6:
            u, c = self.expr(scope, depth - 1)
            return f"({t}) / (1.5 + std::sin({u}))", 2 * b
        if k == 7:
            u, c = self.small(self.expr(scope, depth - 1))
            return f"({t}) / (1.0 + ({u}) * ({u}))", b
        f1 = ["std::sin", "std::cos", "std::tanh", "std::atan", "std::erf",
              "sin", "cos", "tanh"]
        if k < 12:
            return f"{r.choice(f1)}({t})", 1.6
        if k == 12:
            if b <= 3:
                return f"std::exp({t})", 2.72 ** b
            return f"std::exp(std::sin({t}))", 2.72
        if k == 13:
            fn = r.choice(["std::log", "std::log2", "std::log10", "log"])
            return f"{fn}(1.0 + ({t}) * ({t}))", 9.0
        if k == 14:
            fn = r.choice(["std::log", "std::log1p", "std::sqrt", "std::cbrt",
                           "std::log2"])
            return f"{fn}(2.0 + std::sin({t}))", 2.0
        if k == 15:
            return f"std::sqrt(1.0 + ({t}) * ({t}))", b + 1
        if k == 16:
            fn = r.choice(["std::asin", "std::acos"])
            return f"{fn}(0.5 * std::tanh({t}))", 3.2
        if k == 17:
            return f"std::tan(0.7 * std::tanh({t}))", 1.0
        if k == 18:
            fn = r.choice(["std::sinh", "std::cosh"])
            inner = t if b <= 3 else f"std::sin({t})"
            return f"{fn}({inner})", 11.0
        if k == 19:
            fn = r.choice(["std::exp2", "std::expm1"])
            return f"{fn}(std::sin({t}))", 2.0
        if k == 20:
            return f"std::erfc({t})", 2.0
        if k == 21:
            u, c = self.expr(scope, depth - 1)
            return f"std::pow(1.5 + std::sin({t}), std::tanh({u}))", 2.5
        if k == 22:
            p = r.choice([2, 3])
            return f"std::pow({t}, {p})", b ** p
        if k == 23:
            u, c = self.small(self.expr(scope, depth - 1))
            return f"std::atan2({t}, 2.0 + std::cos({u}))", 3.2
        if k == 24:
            u, c = self.small(self.expr(scope, depth - 1))
            return f"std::hypot({t}, 0.5 + ({u}) * ({u}))", b + 1 + c * c
        if k == 25:  # kinks: the driver skips points next to them
            return f"std::fabs({t})", b
        if k == 26:
            u, c = self.small(self.expr(scope, depth - 1))
            fn = r.choice(["std::fmin", "std::fmax", "std::min", "std::max",
                           "fmax"])
            return f"{fn}({t}, {u})", max(b, c)
        if k == 27:
            u, c = self.small(self.expr(scope, depth - 1))
            v, d = self.small(self.expr(scope, depth - 1))
            return f"std::fma({t}, {u}, {v})", b * c + d
        if k == 28:
            u, c = self.small(self.expr(scope, depth - 1))
            v, d = self.small(self.expr(scope, depth - 1))
            return f"({u} > {num(r.uniform(-0.5, 0.5))} ? {t} : {v})", \
                max(b, d)
        if k == 29:
            return f"-({t})", b
        if k == 30:
            return f"std::abs({t})", b
        if k <= 32 and self.stmts_left >= 0:
            return self.call_scalar(e, scope, depth)
        return f"{num(r.choice([0.5, 2.0, -1.5]))} * ({t})", 2 * b

    def call_scalar(self, e, scope, depth):
        """A call of a new scalar helper (one return, or a small loop)."""
        r = self.rng
        u, c = self.small(self.expr(scope, depth - 1))
        h = f"{self.name}_h{len(self.helpers)}"  # after u's helpers
        kind = r.randrange(3)
        if kind == 0:
            body = [f"double {h}(double u, double v) {{",
                    f"  return std::sin(u) * v + {num(coef(r))} * u * u;", "}"]
        elif kind == 1:
            body = [f"double {h}(double u, double v) {{",
                    "  double s = u;",
                    "  for (int k = 0; k < 3; ++k)",
                    f"    s = {num(abs(coef(r)))} * s + std::tanh(v * s);",
                    "  if (s > v)",
                    "    return s - v;",
                    "  return std::exp(0.1 * s) * v;", "}"]
        else:
            body = [f"double {h}(double u, double v) {{",
                    "  double w = u * u + v * v;",
                    "  return std::sqrt(1.0 + w) + std::log(1.0 + w);", "}"]
        self.helpers.append("\n".join(body))
        return f"{h}({e[0]}, {u})", 4.0 + 1.0 * e[1] * c

    # Statements ------------------------------------------------------------
    def emit(self, ind, s):
        self.lines.append("  " * ind + s)

    def declare(self, scope, ind, depth):
        v = self.fresh("s")
        t, b = self.expr(scope, depth)
        self.emit(ind, f"double {v} = {t};")
        scope.scalars.append([v, b, False])

    def update(self, scope, ind, depth):
        r = self.rng
        sc = scope.all_scalars()
        if not sc:
            return self.declare(scope, ind, depth)
        v = r.choice(sc)
        t, b = self.squashed(self.expr(scope, depth))
        k = r.randrange(5)
        if self.loop_depth == 0 and k < 2:
            self.emit(ind, f"{v[0]} {r.choice(['+=', '-='])} {t};")
            v[1] = v[1] + b
        elif k < 3:  # a contraction: bounded in loops
            self.emit(ind, f"{v[0]} = {num(abs(coef(r)))} * {v[0]} + {t};")
            v[1] = 2 * v[1] + 2 * b
        elif k == 3:
            self.emit(ind, f"{v[0]} *= 0.9 + 0.1 * std::sin({t});")
        else:
            self.emit(ind, f"{v[0]} = std::tanh({v[0]}) + {t};")
            v[1] = 1 + b
        v[1] = min(v[1], 1e6)

    def write_y(self, scope, ind, depth):
        r = self.rng
        t, b = self.squashed(self.expr(scope, depth))
        i = self.index(scope, "x")
        op = r.choice(["=", "+=", "-="])
        self.emit(ind, f"y[{i}] {op} {t};" if op != "=" or b <= BIG else
                  f"y[{i}] = {t};")

    def local_array(self, scope, ind, depth):
        v = self.fresh("t")
        k = self.fresh("k")
        inner = Scope(scope)
        inner.indices.append((k, "8"))
        t, _ = self.small(self.expr(inner, depth - 1))
        self.emit(ind, f"double {v}[8];")
        self.emit(ind, f"for (int {k} = 0; {k} < 8; ++{k})")
        self.emit(ind + 1, f"{v}[{k}] = x[{k} % n] * {t};")
        scope.arrays.append(v)
        if self.rng.random() < 0.4:  # an array helper reading it
            h = f"{self.name}_h{len(self.helpers)}"
            self.helpers.append("\n".join([
                f"double {h}(const double *v, int m) {{",
                "  double s = 0;",
                "  for (int k = 0; k < m; ++k)",
                "    s += std::sin(v[k]) * v[(k + 1) % m];",
                "  return s;", "}"]))
            s = self.fresh("s")
            self.emit(ind, f"double {s} = {h}({v}, {self.rng.choice(['8', 'n'])});")
            scope.scalars.append([s, 8.0, False])

    def array_helper(self, scope, ind):
        """A helper writing an array: into y, from x or a local array."""
        h = f"{self.name}_h{len(self.helpers)}"
        self.helpers.append("\n".join([
            f"void {h}(const double *v, double *w, double s, int m) {{",
            "  for (int k = 0; k < m; ++k) {",
            "    if (v[k] > s)",
            "      continue;",
            f"    w[k] += {num(coef(self.rng))} * std::cos(v[k] * s);",
            "  }", "}"]))
        src = self.rng.choice(["x"] + scope.all_arrays())
        t, _ = self.small(self.expr(scope, 1))
        self.emit(ind, f"{h}({src}, y, {t}, n);")

    def loop(self, scope, ind, depth):
        r = self.rng
        inner = Scope(scope)
        idx = [i for i in scope.all_indices() if i[1] == "n"]
        i = self.fresh("i")
        k = r.randrange(9)
        closing = []
        tail = None
        if idx and k < 3:  # triangular
            o = r.choice(idx)[0]
            hdr = r.choice([f"for (int {i} = 0; {i} < {o}; ++{i})",
                            f"for (int {i} = 0; {i} <= {o}; ++{i})",
                            f"for (int {i} = {o} + 1; {i} < n; ++{i})",
                            f"for (int {i} = {o}; {i} >= 0; --{i})"])
        elif k < 5:
            hdr = r.choice([f"for (int {i} = 0; {i} < n; ++{i})",
                            f"for (int {i} = n - 1; {i} >= 0; --{i})",
                            f"for (int {i} = 0; {i} + 1 < n + 1; ++{i})"])
        elif k == 5:
            self.emit(ind, f"for (std::size_t {i}u = 0; {i}u < std::size_t(n);"
                           f" ++{i}u) {{")
            self.emit(ind + 1, f"int {i} = int({i}u);")
            self.emit(ind + 1, f"y[{i}] -= 0.05 * x[{i}];")
            hdr = None
        elif k == 6:
            self.emit(ind, f"int {i} = 0;")
            self.emit(ind, f"while ({i} < n) {{")
            hdr = None
            tail = f"++{i};"
        elif k == 7:
            self.emit(ind, f"int {i} = 0;")
            self.emit(ind, "do {")
            hdr = None
            tail = f"++{i};"
            closing = [f"}} while ({i} < n);"]
        else:  # a loop on data, with a counted guard
            v = self.fresh("r")
            c = self.fresh("c")
            t, _ = self.small(self.expr(scope, 1))
            self.emit(ind, f"double {v} = 1.0 + std::fabs({t});")
            self.emit(ind, f"int {c} = 0;")
            self.emit(ind, f"while ({v} > 0.3 && {c} < 6) {{")
            self.emit(ind + 1, f"{v} *= 0.6;")
            self.emit(ind + 1, f"int {i} = {c} % n;")
            self.emit(ind + 1, f"y[{i}] += 0.1 * {v};")
            scope.scalars.append([v, 2.0, True])
            hdr = None
            tail = f"++{c};"
        if hdr is not None:
            self.emit(ind, hdr + " {")
        inner.indices.append((i, "n"))
        self.loop_depth += 1
        exits = tail is None  # continue would skip the increment
        self.block(inner, ind + 1, depth, exits=exits)
        self.loop_depth -= 1
        if tail:
            self.emit(ind + 1, tail)
        self.emit(ind, closing[0] if closing else "}")

    def branch(self, scope, ind, depth):
        r = self.rng
        idx = scope.all_indices()
        if idx and r.random() < 0.3:
            i = r.choice(idx)[0]
            cond = f"{i} % 2 == {r.randrange(2)}"
        else:
            t, _ = self.small(self.expr(scope, 1))
            cond = f"{t} > {num(r.uniform(-0.5, 0.5))}"
        self.emit(ind, f"if ({cond}) {{")
        self.block(Scope(scope), ind + 1, depth, exits=False)
        if r.random() < 0.5:
            self.emit(ind, "} else {")
            self.block(Scope(scope), ind + 1, depth, exits=False)
        self.emit(ind, "}")

    def exit_stmt(self, scope, ind):
        r = self.rng
        t, _ = self.small(self.expr(scope, 1))
        cond = f"{t} > {num(r.uniform(0.2, 0.9))}"
        k = r.randrange(3)
        if k == 0 and self.loop_depth:
            self.emit(ind, f"if ({cond})")
            self.emit(ind + 1, "break;")
        elif k == 1 and self.loop_depth:
            self.emit(ind, f"if ({cond})")
            self.emit(ind + 1, "continue;")
        else:
            self.emit(ind, f"if ({cond})")
            self.emit(ind + 1, f"return {self.ret_expr(scope)};")

    def ret_expr(self, scope):
        parts = ["0.5 * a", "x[0]"]
        for v in scope.all_scalars():
            v[2] = True
            parts.append(v[0] if v[1] <= BIG else
                         f"std::tanh({num(1.0 / v[1])} * {v[0]})")
        return " + ".join(parts)

    def block(self, scope, ind, depth, exits=True):
        r = self.rng
        n = r.randint(1, 3)
        for _ in range(n):
            self.stmts_left -= 1
            k = r.randrange(12)
            d = r.randint(1, 3)
            if k < 2:
                self.declare(scope, ind, d)
            elif k < 4:
                self.update(scope, ind, d)
            elif k < 6:
                self.write_y(scope, ind, d)
            elif k < 8 and self.loop_depth < 3 and self.stmts_left > 0:
                self.loop(scope, ind, depth)
            elif k == 8 and self.stmts_left > 0:
                self.branch(scope, ind, depth)
            elif k == 9 and exits:
                self.exit_stmt(scope, ind)
            elif k == 10 and self.loop_depth == 0 and self.stmts_left > 0:
                self.local_array(scope, ind, d)
            elif k == 11 and self.loop_depth == 0:
                self.array_helper(scope, ind)
            else:
                self.update(scope, ind, d)
        # Locals of this block that nothing read go into y (no unused
        # variables in the user's code: -Wall -Werror).
        for v in scope.scalars:
            if not v[2]:
                i = self.index(scope, "x")
                t = v[0] if v[1] <= BIG else \
                    f"std::tanh({num(1.0 / v[1])} * {v[0]})"
                self.emit(ind, f"y[{i}] += 0.5 * {t};")
                v[2] = True

    def program(self):
        top = Scope()
        self.block(top, 1, 2)
        while self.stmts_left > 0:
            self.block(top, 1, 2)
        self.emit(1, f"y[n - 1] += 0.25 * {self.small(self.expr(top, 2))[0]};")
        self.emit(1, f"return {self.ret_expr(top)};")
        sig = (f"TAD_JVP TAD_VJP double {self.name}(const double *x, double a,"
               f" double *y, int n) {{")
        return self.helpers, [sig] + self.lines + ["}"]


def linear_program(rng, name):
    """A void function linear in x (read) and y (read and written)."""
    lines = [f"TAD_LINEAR(x, y) TAD_JVP TAD_VJP void {name}(const double *c, "
             f"const double *x, double *y, int n) {{"]
    helpers = []
    cnt = [0]

    def fresh(p):
        cnt[0] += 1
        return f"{p}{cnt[0]}"

    def lin_term(i, j):
        """A term linear in x: coefficient (a function of c) times x[j]."""
        k = rng.randrange(5)
        cf = rng.choice([f"c[{i} * n + {j}]", num(coef(rng)),
                         f"std::sin(c[{j}])", f"std::exp(0.5 * c[{i}])"])
        if k == 0 and not helpers:
            h = f"{name}_l0"
            helpers.append(f"double {h}(double u, double z) {{\n"
                           f"  return std::cos(u) * z - 0.5 * z;\n}}")
        if k == 0:
            return f"{name}_l0(c[{j}], x[{j}])"
        if k == 1:
            return f"({cf}) * x[{j}] / (2.0 + std::cos(c[{i}]))"
        return f"{cf} * x[{j}]"

    n_stmts = rng.randint(2, 5)
    for _ in range(n_stmts):
        k = rng.randrange(8)
        i = fresh("i")
        op = rng.choice(["=", "+=", "-="])
        if k < 2:
            lines += [f"  for (int {i} = 0; {i} < n; ++{i})",
                      f"    y[{i}] {op} {lin_term(i, i)};"]
        elif k < 4:  # rectangular or triangular matrix-vector products
            j = fresh("j")
            jh = rng.choice([f"for (int {j} = 0; {j} < n; ++{j})",
                             f"for (int {j} = 0; {j} <= {i}; ++{j})",
                             f"for (int {j} = {i} + 1; {j} < n; ++{j})"])
            t = fresh("t")
            lines += [f"  for (int {i} = n - 1; {i} >= 0; --{i}) {{",
                      f"    double {t} = 0.0;",
                      f"    {jh}",
                      f"      {t} += {lin_term(i, j)};",
                      f"    y[{i}] {op} {t};", "  }"]
        elif k == 4:  # branches and exits on c
            lines += [f"  for (int {i} = 0; {i} < n; ++{i}) {{",
                      f"    if (c[{i}] > {num(rng.uniform(0.3, 0.9))})",
                      "      break;",
                      f"    if (c[n * n + {i}] > 0.0)",
                      f"      y[{i}] += {lin_term(i, i)};",
                      "    else",
                      f"      y[{i}] -= 2.0 * x[({i} + 1) % n];", "  }"]
        elif k == 5:  # a local array
            t = fresh("t")
            lines += [f"  double {t}[8];",
                      f"  for (int {i} = 0; {i} < 8; ++{i})",
                      f"    {t}[{i}] = 0.0;",
                      f"  for (int {i} = 0; {i} < n; ++{i})",
                      f"    {t}[{i}] = {lin_term(i, i)} + 0.5 * y[{i}];",
                      f"  for (int {i} = 0; {i} < n; ++{i})",
                      f"    y[{i}] {op} {t}[n - 1 - {i}];"]
        elif k == 6:  # a while loop
            lines += [f"  int {i} = 0;",
                      f"  while ({i} < n) {{",
                      f"    y[{i}] {op} {lin_term(i, f'({i} + 1) % n')};",
                      f"    ++{i};", "  }"]
        else:  # scaling of y by a coefficient (in-out)
            lines += [f"  for (int {i} = 0; {i} < n; ++{i})",
                      f"    y[{i}] *= std::tanh(c[{i}]) + 1.5;"]
    # x, y and c are all used.
    lines += ["  y[0] += 0.5 * c[0] * x[n - 1];", "}"]
    return helpers, lines


def inplace_step(rng, name, helpers, I):
    """A further invertible step on x[I] (its old value is read)."""
    k = rng.randrange(9)
    c = coef(rng)
    pc = f"+ {num(c)}" if c >= 0 else f"- {num(-c)}"
    if k == 0:
        return f"x[{I}] = x[{I}] * x[{I}] * x[{I}] + x[{I}] {pc} * y[{I}];"
    if k == 1:
        return f"x[{I}] = std::cbrt(x[{I}]) + x[{I}] {pc} * y[{I}];"
    if k == 2:
        return f"x[{I}] = std::sinh(x[{I}]) {pc} * y[{I}];"
    if k == 3:
        return f"x[{I}] = x[{I}] + 0.5 * std::sin(x[{I}]) {pc} * y[{I}];"
    if k == 4:
        return f"x[{I}] = std::atan(x[{I}]) {pc} * std::cos(y[{I}]);"
    if k == 5:
        return f"x[{I}] = std::expm1(0.5 * x[{I}]) {pc} * y[{I}];"
    if k == 6:
        h = f"{name}_g"
        if not helpers:
            helpers.append(f"double {h}(double u) {{ return "
                           f"{num(c)} * std::sin(u) + 0.1 * u; }}")
        return f"x[{I}] += {h}(y[{I}]);"
    if k == 7:
        return f"x[{I}] *= {num(abs(c) + 0.5)};"
    # Both terms increasing: strictly monotone (tad proves it, IA8).
    return f"x[{I}] = 2.0 * x[{I}] + std::exp({num(0.5 * abs(c))} * x[{I}]);"


def inplace_program(rng, name):
    t = rng.choice(TYPES)
    form = rng.choice(outer_forms(t))
    inner = rng.choice([None, "rect", "lower", "lower_le", "upper", "back"])
    tape = rng.random() < 0.6
    helpers = []
    branch = rng.randrange(3)  # 0: none, 1: on c, 2: on the state
    inv = counted(t, form) and branch != 2

    def extra(I):
        s = inplace_step(rng, name, helpers, I)
        if branch == 1:
            return (f"if (c[{I}] > 0.0)\n      {s}\n    else\n      "
                    f"{inplace_step(rng, name, helpers, I)}")
        if branch == 2:
            return f"if (y[{I}] > 0.0)\n      {s}"
        return s

    lines = loop_program(rng, name, t, form, inner, tape, extra_step=extra)
    modes = "TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET" + \
        (" TAD_INVERSE" if inv else "")
    lines[1] = (f"{modes} void {name}(double *__restrict__ x, "
                f"double *__restrict__ y, const double *c, {t} n) {{")
    return helpers, lines, t, inv


# Structs ---------------------------------------------------------------------
STRUCT_DECLS = """\
struct Vec3 {
  double x, y, z;
  double dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
  double norm2() const { return dot(*this); }
  void scale(double s) {
    x *= s;
    y *= s;
    z *= s;
  }
  Vec3 &operator+=(const Vec3 &o) {
    x += o.x;
    y += o.y;
    z += o.z;
    return *this;
  }
};
struct Body {
  Vec3 pos;
  Vec3 vel;
  double mass;
  int id;
};
struct Frame {
  double w[3];
  Vec3 c;
  int k;
};
inline Vec3 operator+(const Vec3 &u, const Vec3 &v) {
  return {u.x + v.x, u.y + v.y, u.z + v.z};
}
inline Vec3 operator-(const Vec3 &u, const Vec3 &v) {
  return {u.x - v.x, u.y - v.y, u.z - v.z};
}
inline Vec3 operator*(double s, const Vec3 &v) {
  return {s * v.x, s * v.y, s * v.z};
}"""

FIELDS = ["x", "y", "z"]


class Structs(General):
    """One structs program: TAD_JVP TAD_VJP double pK(const Vec3 *p,
    const Body &b, Body *out, double a, int n) over the structs of
    STRUCT_DECLS. Vec3 locals carry a bound on their components (every
    one kept below BIG); out is in-out, read as y is in general."""

    def __init__(self, rng, name):
        super().__init__(rng, name)
        self.vecs = []  # [name, bound, used, writable]: Vec3 locals in scope
        self.ind = 1  # the indentation of the statement being generated

    def vec_scope(self, scope):
        s, out = scope, []
        while s:
            out += getattr(s, "vecs", [])
            s = s.parent
        return out

    def leaf(self, scope):
        r = self.rng
        k = r.randrange(13)
        vs = self.vec_scope(scope)
        if k < 2:
            return f"p[{self.index(scope, 'x')}].{r.choice(FIELDS)}", 1.0
        if k == 2:
            return r.choice([f"b.pos.{r.choice(FIELDS)}",
                             f"b.vel.{r.choice(FIELDS)}", "b.mass"]), 1.0
        if k == 3:
            return "a", 1.0
        if k == 4:
            i = self.index(scope, "x")
            return r.choice([f"out[{i}].pos.{r.choice(FIELDS)}",
                             f"out[{i}].vel.{r.choice(FIELDS)}",
                             f"out[{i}].mass"]), BIG
        if k <= 7 and vs:
            v = r.choice(vs)
            v[2] = True
            return f"{v[0]}.{r.choice(FIELDS)}", v[1]
        if k == 8 and vs:
            u, w = r.choice(vs), r.choice(vs)
            u[2] = True
            if r.random() < 0.5:
                w[2] = True
                return self.hoisted(f"{u[0]}.dot({w[0]})", 3 * u[1] * w[1])
            return self.hoisted(f"{u[0]}.norm2()", 3 * u[1] * u[1])
        if k == 9 and self.stmts_left >= 0:
            return self.hoisted(*self.struct_call(scope))

        if k == 10 and r.random() < 0.3:
            return "double(b.id % 3)", 2.0
        sc = scope.all_scalars()
        if sc and r.random() < 0.7:
            v = r.choice(sc)
            v[2] = True
            return v[0], v[1]
        idx = scope.all_indices()
        if idx and r.random() < 0.3:
            return f"double({r.choice(idx)[0]})", 8.0
        c = r.choice([0.5, 1.5, 0.25, 2.0, 0.7, 3.0])
        return num(c if r.random() < 0.7 else -c), c

    def hoisted(self, t, b):
        """A call passing structs (a helper's, a member function's), in a
        statement of its own before the one being generated: a call passing
        structs in a condition (of an if, a ternary, an exit) is a
        documented limit of reverse mode (docs/errors.md,
        V-call-in-condition), and the expression generator does not know
        where its result goes."""
        s = self.fresh("s")
        self.emit(self.ind, f"double {s} = {t};")
        return s, b

    def struct_call(self, scope):
        """A call of a new helper taking structs: Vec3 by const & and by
        value (a copy it changes), a Body by const &."""
        r = self.rng
        h = f"{self.name}_h{len(self.helpers)}"
        vs = self.vec_scope(scope)
        kind = r.randrange(3)
        if kind == 0 or not vs:
            self.helpers.append("\n".join([
                f"static double {h}(const Body &q, double s) {{",
                f"  return q.mass * std::sin(q.pos.dot(q.vel)) + "
                f"{num(coef(r))} * std::tanh(s * q.vel.y);", "}"]))
            i = self.index(scope, "x")
            arg = r.choice(["b", f"out[{i}]"])
            t, _ = self.small(self.leaf_plain(scope))
            return f"{h}({arg}, {t})", BIG + 1.0
        u, w = r.choice(vs), r.choice(vs)
        u[2] = w[2] = True
        if kind == 1:
            self.helpers.append("\n".join([
                f"static double {h}(const Vec3 &u, Vec3 v) {{",
                "  v.x *= 0.5;",
                f"  v.y = std::sin(v.y) + {num(coef(r))} * u.z;",
                "  return std::tanh(u.dot(v)) + v.y;", "}"]))
            return f"{h}({u[0]}, {w[0]})", 2.0 + 2 * u[1]
        self.helpers.append("\n".join([
            f"static double {h}(Vec3 u, const Vec3 &v) {{",
            "  double s = 0;",
            "  for (int k = 0; k < 3; ++k) {",
            "    s = 0.5 * s + std::sin(u.x * v.y);",
            "    u = 0.5 * u + v;",
            "  }",
            "  return s + u.z;", "}"]))
        return f"{h}({u[0]}, {w[0]})", 2.0 + u[1] + 2 * w[1]

    def leaf_plain(self, scope):
        """A leaf that calls no helper (an argument of a helper)."""
        r = self.rng
        return r.choice([(f"p[{self.index(scope, 'x')}].x", 1.0),
                         ("a", 1.0), ("b.mass", 1.0)])

    def vec_expr(self, scope):
        """A Vec3 value with a bound on its components."""
        r = self.rng
        vs = self.vec_scope(scope)
        k = r.randrange(9)
        if k < 2 or not vs:
            comps = [self.small(self.expr(scope, r.randint(0, 2)))
                     for _ in range(3)]
            return ("{" + ", ".join(c[0] for c in comps) + "}",
                    max(c[1] for c in comps), True)
        if k == 2:
            return f"p[{self.index(scope, 'x')}]", 1.0, False
        if k == 3:
            return r.choice(["b.pos", "b.vel"]), 1.0, False
        u, w = r.choice(vs), r.choice(vs)
        if k < 6 and u[1] + w[1] <= BIG:
            u[2] = w[2] = True
            return f"{u[0]} {r.choice(['+', '-'])} {w[0]}", u[1] + w[1], False
        if k == 6:
            u[2] = True
            c = r.choice([0.5, -0.5, 1.5, 0.25])
            return f"{num(c)} * {u[0]}", abs(c) * u[1], False
        if k == 7:
            u[2] = True
            h = f"{self.name}_h{len(self.helpers)}"
            self.helpers.append("\n".join([
                f"static Vec3 {h}(const Vec3 &u, double s) {{",
                f"  return {{std::sin(s * u.x), 0.5 * u.y + s, "
                f"std::tanh(u.z - {num(coef(r))} * s)}};", "}"]))
            t, b = self.small(self.leaf_plain(scope))
            return f"{h}({u[0]}, {t})", max(1.0, 0.5 * u[1] + b), False
        return f"p[{self.index(scope, 'x')}]", 1.0, False

    # Statements ------------------------------------------------------------
    def declare_vec(self, scope, ind):
        r = self.rng
        v = self.fresh("v")
        t, b, braced = self.vec_expr(scope)
        if braced and r.random() < 0.5:
            self.emit(ind, f"Vec3 {v}{t};")
        else:
            self.emit(ind, f"Vec3 {v} = {t};")
        scope.vecs.append([v, b, False, True])

    def write_vec(self, scope, ind, depth):
        """A write of a writable Vec3 local: a field, a member call, a
        helper taking it by &, a lambda capturing it by reference."""
        r = self.rng
        vs = [v for v in self.vec_scope(scope) if v[3]]
        if not vs:
            return self.declare_vec(scope, ind)
        v = r.choice(vs)
        f = r.choice(FIELDS)
        k = r.randrange(6)
        t, b = self.squashed(self.expr(scope, depth))
        if k < 2:
            self.emit(ind, f"{v[0]}.{f} = {num(abs(coef(self.rng)))} * "
                           f"{v[0]}.{f} + {t};")
            v[1] = min(2 * v[1] + 2 * b, BIG)
        elif k == 2:
            self.emit(ind, f"{v[0]}.scale(0.9 + 0.1 * std::sin({t}));")
        elif k == 3:
            h = f"{self.name}_h{len(self.helpers)}"
            self.helpers.append("\n".join([
                f"static void {h}(Vec3 &u, const Vec3 &w, double s) {{",
                "  u.x = 0.5 * u.x + 0.3 * std::tanh(s * w.y);",
                "  u.z -= 0.25 * u.z * std::cos(w.x);", "}"]))
            w = r.choice(self.vec_scope(scope))
            w[2] = True
            self.emit(ind, f"{h}({v[0]}, {w[0]}, {t});")
            v[1] = max(v[1], 1.0)
        elif k == 4:
            lam = self.fresh("l")
            self.emit(ind, f"auto {lam} = [&](double t) {{ {v[0]}.{f} = "
                           f"std::tanh({v[0]}.{f}) + 0.5 * std::sin(t); }};")
            self.emit(ind, f"{lam}({t});")
            v[1] = max(v[1], 1.5)
        else:
            lam = self.fresh("l")
            s = self.fresh("s")
            self.emit(ind, f"auto {lam} = [&](double t) {{ return t * "
                           f"std::sin({v[0]}.{f}) + a; }};")
            self.emit(ind, f"double {s} = {lam}({t});")
            v[2] = True
            scope.scalars.append([s, b + 1.0, False])
        v[2] = True

    def write_out(self, scope, ind, depth):
        r = self.rng
        i = self.index(scope, "x")
        vs = [v for v in self.vec_scope(scope) if v[1] <= 1.0]
        k = r.randrange(4)
        if k == 0 and vs:
            v = r.choice(vs)
            v[2] = True
            self.emit(ind, f"out[{i}].{r.choice(['pos', 'vel'])} = {v[0]};")
            return
        if k == 1 and vs:  # calls in an assignment of their own
            u, w = r.choice(vs), r.choice(vs)
            u[2] = w[2] = True
            self.emit(ind, f"out[{i}].mass += 0.1 * std::tanh({u[0]}.dot("
                           f"{w[0]}) - {u[0]}.norm2());")
            return
        t, b = self.squashed(self.expr(scope, depth))
        dst = r.choice([f"out[{i}].pos.{r.choice(FIELDS)}",
                        f"out[{i}].vel.{r.choice(FIELDS)}",
                        f"out[{i}].mass"])
        op = r.choice(["=", "+=", "-="])
        self.emit(ind, f"{dst} {op} {t};")

    def loop(self, scope, ind, depth):
        r = self.rng
        inner = Scope(scope)
        inner.vecs = []
        i = self.fresh("i")
        idx = [x for x in scope.all_indices() if x[1] == "n"]
        if idx and r.random() < 0.3:
            o = r.choice(idx)[0]
            hdr = f"for (int {i} = 0; {i} <= {o}; ++{i})"
        else:
            hdr = r.choice([f"for (int {i} = 0; {i} < n; ++{i})",
                            f"for (int {i} = n - 1; {i} >= 0; --{i})"])
        self.emit(ind, hdr + " {")
        inner.indices.append((i, "n"))
        self.ind = ind + 1
        k = r.randrange(4)
        if k == 0:  # a const reference to an element
            q = self.fresh("q")
            self.emit(ind + 1, f"const Vec3 &{q} = p[{i}];")
            inner.vecs.append([q, 1.0, False, False])
        elif k == 1:  # a reference to an element of out, written through
            q = self.fresh("q")
            self.emit(ind + 1, f"Body &{q} = out[{i}];")
            t, _ = self.squashed(self.expr(inner, 1))
            self.emit(ind + 1, f"{q}.vel.{r.choice(FIELDS)} += "
                               f"0.5 * std::tanh({q}.mass) * ({t});")
        elif k == 2:  # a copy of an element
            q = self.fresh("c")
            self.emit(ind + 1, f"Body {q} = out[{i}];")
            t, _ = self.squashed(self.expr(inner, 1))
            self.emit(ind + 1, f"{q}.pos.{r.choice(FIELDS)} = {t};")
            self.emit(ind + 1, f"out[({i} + 1) % n].mass += 0.25 * "
                               f"std::tanh({q}.pos.dot({q}.vel));")
        self.loop_depth += 1
        self.block(inner, ind + 1, depth, exits=True)
        self.loop_depth -= 1
        self.emit(ind, "}")

    def more(self, scope, ind, depth):
        """Further struct statements: helpers writing elements' members
        through &, copies and assignments of whole structs (aliasing their
        operands), += on members, helpers over arrays of structs and
        returning Body, local arrays of structs, lambdas writing out."""
        r = self.rng
        vs = self.vec_scope(scope)
        small = [v for v in vs if v[1] <= 1.0]
        i = self.index(scope, "x")
        j = self.index(scope, "x")
        f = r.choice(FIELDS)
        h = f"{self.name}_h{len(self.helpers)}"
        k = r.randrange(26)
        if k >= 12:
            return self.more2(scope, ind, depth, k - 12, i, j, f, h)
        if k == 0:  # a helper writing an element's member through &
            self.helpers.append("\n".join([
                f"static void {h}(Vec3 &u, const Vec3 &w, double s) {{",
                "  u.y = 0.5 * u.y + std::sin(s * w.x);",
                "  u.z = std::tanh(u.z + w.y);", "}"]))
            t, _ = self.small(self.leaf_plain(scope))
            src = r.choice([f"p[{j}]", "b.vel", f"out[{j}].pos"])
            self.emit(ind, f"{h}(out[{i}].{r.choice(['pos', 'vel'])}, {src}, "
                           f"{t});")
        elif k == 1:  # whole Vec3 members assigned, operands aliased
            self.emit(ind, f"out[{i}].vel = 0.5 * out[{i}].vel - "
                           f"0.25 * out[{j}].pos;")
        elif k == 2:
            v = r.choice(small) if small else [f"p[{j}]", 1.0, True]
            v[2] = True
            self.emit(ind, f"out[{i}].pos += {v[0]};")
        elif k == 3:  # a Body copy changed and stored back
            c = self.fresh("c")
            self.emit(ind, f"Body {c} = out[{i}];")  # its id stays
            self.emit(ind, f"{c}.vel = {c}.pos - p[{j}];")
            self.emit(ind, f"{c}.mass = std::tanh({c}.mass * {c}.vel.{f});")
            self.emit(ind, f"out[{i}] = {c};")
        elif k == 4:  # a helper returning a Body
            self.helpers.append("\n".join([
                f"static Body {h}(const Body &q, double s) {{",
                "  Body r = q;",
                "  r.pos = 0.5 * q.pos + q.vel;",
                "  r.vel.scale(std::tanh(s));",
                "  r.mass = std::sin(q.mass + s);",
                "  return r;", "}"]))
            t, _ = self.small(self.leaf_plain(scope))
            c = self.fresh("c")
            self.emit(ind, f"Body {c} = {h}({r.choice(['b', f'out[{j}]'])}, "
                           f"{t});")
            self.emit(ind, f"out[{i}].mass += 0.5 * std::tanh({c}.pos.{f} "
                           f"* {c}.vel.dot({c}.pos)) + 0.1 * {c}.mass;")
        elif k == 5:  # a helper over an array of structs
            self.helpers.append("\n".join([
                f"static double {h}(const Vec3 *q, const Body *o, int m) {{",
                "  double s = 0;",
                "  for (int k = 0; k < m; ++k)",
                "    s += std::sin(q[k].x * o[k].vel.z) + "
                "0.5 * o[k].pos.dot(q[k]);",
                "  return std::tanh(0.1 * s);", "}"]))
            s = self.fresh("s")
            self.emit(ind, f"double {s} = {h}(p, out, n);")
            scope.scalars.append([s, 1.0, False])
        elif k == 6:  # a local array of structs
            loc, q = self.fresh("w"), self.fresh("k")
            self.emit(ind, f"Vec3 {loc}[3];")
            self.emit(ind, f"for (int {q} = 0; {q} < 3; ++{q}) {{")
            self.emit(ind + 1, f"{loc}[{q}] = p[{q} % n];")
            self.emit(ind + 1, f"{loc}[{q}].{f} *= b.mass;")
            self.emit(ind, "}")
            self.emit(ind, f"out[{i}].vel = {loc}[0] + {num(coef(r))} * "
                           f"{loc}[2];")
        elif k == 7:  # a lambda writing out, called in a loop
            lam, q = self.fresh("l"), self.fresh("k")
            self.emit(ind, f"auto {lam} = [&](int m, double t) {{ "
                           f"out[m].pos.{f} = std::tanh(out[m].pos.{f} + t "
                           f"* b.vel.x); }};")
            t, _ = self.small(self.leaf_plain(scope))
            self.emit(ind, f"for (int {q} = 0; {q} < n; ++{q})")
            self.emit(ind + 1, f"{lam}({q}, {t});")
        elif k == 8:  # a reference to a nested member, written through
            q = self.fresh("q")
            t, _ = self.squashed(self.expr(scope, depth))
            self.emit(ind, f"Vec3 &{q} = out[{i}].{r.choice(['pos', 'vel'])};")
            self.emit(ind, f"{q}.{f} = 0.5 * {q}.{f} + {t};")
            self.emit(ind, f"{q}.scale(0.75);")
        elif k == 9 and vs:  # a copy assigned over, aliasing itself
            v = r.choice([v for v in vs if v[3]] or [None])
            if v is None:
                return self.declare_vec(scope, ind)
            w = r.choice(vs)
            w[2] = True
            self.emit(ind, f"{v[0]} = 0.5 * {v[0]} + 0.25 * {w[0]};")
            v[1] = min(0.5 * v[1] + 0.25 * w[1], BIG)
        elif k == 10:  # a lambda taking a struct by const &
            lam = self.fresh("l")
            s = self.fresh("s")
            self.emit(ind, f"auto {lam} = [&](const Vec3 &u) {{ return "
                           f"std::sin(u.dot(b.vel)) * a; }};")
            self.emit(ind, f"double {s} = {lam}(p[{i}]) + {lam}(out[{j}].vel);")
            scope.scalars.append([s, 2.0, False])
        else:  # a by-value helper called on elements and members directly
            self.helpers.append("\n".join([
                f"static double {h}(Vec3 u, Body q) {{",
                "  u.x += q.pos.y;",
                "  q.vel = u - q.pos;",
                "  return std::tanh(q.vel.dot(u)) * std::cos(q.mass);", "}"]))
            s = self.fresh("s")
            self.emit(ind, f"double {s} = {h}(p[{i}], out[{j}]);")
            scope.scalars.append([s, 1.0, False])

    def more2(self, scope, ind, depth, k, i, j, f, h):
        """Aliased arguments, temporaries, captures by value, pointers to
        structs, conditional structs."""
        r = self.rng
        vs = [v for v in self.vec_scope(scope) if v[3]]
        if k == 0:  # & and const & of one object
            self.helpers.append("\n".join([
                f"static void {h}(Vec3 &u, const Vec3 &w, double s) {{",
                "  u.x = std::sin(w.y + s);",
                "  u.y = 0.5 * w.x + u.z;", "}"]))
            t, _ = self.small(self.leaf_plain(scope))
            tgt = r.choice(vs)[0] if vs else f"out[{i}].pos"
            self.emit(ind, f"{h}({tgt}, {tgt}, {t});")
        elif k == 1:  # a helper's result assigned to its argument
            self.helpers.append("\n".join([
                f"static Vec3 {h}(const Vec3 &u, double s) {{",
                "  Vec3 r = {u.z, std::tanh(u.x * s), 0.5 * u.y};",
                "  return r;", "}"]))
            t, _ = self.small(self.leaf_plain(scope))
            self.emit(ind, f"out[{i}].vel = {h}(out[{i}].vel, {t});")
        elif k == 2:  # members called on temporaries
            s = self.fresh("s")
            self.emit(ind, f"double {s} = std::tanh((p[{i}] + out[{j}].pos)"
                           f".dot(0.5 * (b.vel - p[{j}])) - "
                           f"(p[{i}] - b.pos).norm2());")
            scope.scalars.append([s, 1.0, False])
        elif k == 3:  # a struct chosen by a branch (not by ?:, a
            # documented limit: docs/errors.md, C-struct-value)
            v = self.fresh("v")
            self.emit(ind, f"Vec3 {v} = b.pos;")
            self.emit(ind, f"if (p[{i}].{f} > 0.0)")
            self.emit(ind + 1, f"{v} = p[{i}];")
            self.emit(ind, "else")
            self.emit(ind + 1, f"{v} = b.vel;")
            scope.vecs.append([v, 1.0, False, True])
        elif k == 4:  # captures by value, a mutable lambda
            lam, c = self.fresh("l"), self.fresh("c")
            src = r.choice(vs)[0] if vs else f"p[{i}]"
            self.emit(ind, f"Vec3 {c} = {src};")
            self.emit(ind, f"auto {lam} = [{c}, a](double t) mutable {{ "
                           f"{c}.{f} = std::tanh({c}.{f} * t + a); return "
                           f"{c}.x + {c}.y * {c}.z; }};")
            s = self.fresh("s")
            t, _ = self.small(self.leaf_plain(scope))
            self.emit(ind, f"double {s} = {lam}({t}) + 0.5 * {lam}(b.mass);")
            self.emit(ind, f"out[{i}].mass += 0.1 * {c}.{f};")
            scope.scalars.append([s, 3.0, False])
        elif k == 5:  # pointers to structs passed to a helper
            self.helpers.append("\n".join([
                f"static void {h}(Body *q, const Vec3 *u, double s) {{",
                "  q->pos.x = std::tanh(q->pos.x + s * u->y);",
                "  q->vel.z = 0.5 * q->vel.z + u->x * q->mass;",
                "  q->mass = std::cos(q->mass);", "}"]))
            t, _ = self.small(self.leaf_plain(scope))
            self.emit(ind, f"{h}(&out[{i}], &p[{j}], {t});")
        elif k == 6:  # a while loop over the elements, with an exit
            q, c = self.fresh("i"), self.fresh("q")
            self.emit(ind, f"int {q} = 0;")
            self.emit(ind, f"while ({q} < n) {{")
            self.emit(ind + 1, f"const Body &{c} = out[{q}];")
            self.emit(ind + 1, f"if ({c}.vel.{f} > 0.8)")
            self.emit(ind + 2, "break;")
            self.emit(ind + 1, f"out[({q} + 1) % n].vel.{f} = std::sin("
                               f"{c}.pos.dot(p[{q}]));")
            self.emit(ind + 1, f"++{q};")
            self.emit(ind, "}")
        elif k == 8:  # += of members, aliased when i == j (n = 1)
            self.emit(ind, f"out[{i}].pos += out[{j}].{r.choice(['pos', 'vel'])};")
            self.emit(ind, f"out[{i}].pos.scale(0.5);")
        elif k == 9:  # & and const & of elements, one object when i == j
            self.helpers.append("\n".join([
                f"static void {h}(Body &q, const Body &o) {{",
                "  q.vel = q.vel - 0.5 * o.pos;",
                "  q.mass = std::tanh(q.mass * o.mass + o.vel.x);", "}"]))
            self.emit(ind, f"{h}(out[{i}], out[{j}]);")
        elif k == 10:  # members swapped through a copy
            t = self.fresh("t")
            self.emit(ind, f"Vec3 {t} = out[{i}].pos;")
            self.emit(ind, f"out[{i}].pos = out[{j}].vel;")
            self.emit(ind, f"out[{j}].vel = {t};")
        elif k == 11:  # a lambda returning a Vec3
            lam, v = self.fresh("l"), self.fresh("v")
            t, _ = self.small(self.leaf_plain(scope))
            self.emit(ind, f"auto {lam} = [&](double t) {{ return t * b.vel "
                           f"+ p[{i}]; }};")
            self.emit(ind, f"Vec3 {v} = {lam}(std::tanh({t}));")
            scope.vecs.append([v, 2.0, False, True])
        elif k == 12:  # a by-value helper changing and returning its copy
            self.helpers.append("\n".join([
                f"static Vec3 {h}(Vec3 u, const Vec3 &w) {{",
                "  u.scale(0.5);",
                "  u += u;",
                "  u += std::tanh(u.dot(w)) * w;",
                "  return u;", "}"]))
            self.emit(ind, f"out[{i}].vel = {h}(out[{i}].vel, p[{j}]);")
        elif k == 13:  # a member scaled by a value read from itself
            self.emit(ind, f"out[{i}].pos.scale(std::tanh(out[{i}].pos.{f})"
                           f" + 0.5);")
        else:  # a copy of b changed, b's fields read after
            c = self.fresh("c")
            self.emit(ind, f"Body {c} = b;")
            self.emit(ind, f"{c}.pos += {c}.vel;")
            self.emit(ind, f"{c}.vel = {c}.pos - b.pos;")
            self.emit(ind, f"out[{i}].mass += 0.25 * std::tanh({c}.vel.{f} *"
                           f" {c}.mass + b.pos.{f});")

    def frame(self, scope, ind):
        """A local struct with an array member, filled in a loop."""
        f = self.fresh("f")
        k = self.fresh("k")
        t, _ = self.small(self.expr(scope, 1))
        self.emit(ind, f"Frame {f} = {{{{0.0, 0.0, 0.0}}, b.pos, 3}};")
        self.emit(ind, f"for (int {k} = 0; {k} < {f}.k; ++{k})")
        self.emit(ind + 1, f"{f}.w[{k}] = std::sin(p[{k} % n].y * ({t}));")
        r = self.rng
        k = r.randrange(4)
        h = f"{self.name}_h{len(self.helpers)}"
        if k == 1:  # a helper writing the array member through &
            self.helpers.append("\n".join([
                f"static void {h}(Frame &g, const Vec3 &u) {{",
                "  for (int k = 0; k < g.k; ++k)",
                "    g.w[k] = 0.5 * g.w[k] + std::sin(u.y * g.w[(k + 1) % 3]);",
                "  g.c = g.c - u;", "}"]))
            self.emit(ind, f"{h}({f}, p[{self.index(scope, 'x')}]);")
        elif k == 2:  # a copy changed, the array member read by value
            g = self.fresh("f")
            self.helpers.append("\n".join([
                f"static double {h}(Frame g) {{",
                "  g.w[1] *= g.c.z;",
                "  return g.w[0] * g.w[1] + std::cos(g.w[2]);", "}"]))
            self.emit(ind, f"Frame {g} = {f};")
            self.emit(ind, f"{g}.w[2] = {g}.w[0] * b.mass;")
            self.emit(ind, f"{f}.w[0] += {h}({g});")
        elif k == 3:  # a lambda capturing the frame by reference
            lam = self.fresh("l")
            self.emit(ind, f"auto {lam} = [&](int m) {{ {f}.w[m] = std::tanh("
                           f"{f}.w[m] + {f}.c.dot(p[m % n])); }};")
            self.emit(ind, f"{lam}(0);")
            self.emit(ind, f"{lam}(2);")
        s = self.fresh("s")
        self.emit(ind, f"double {s} = {f}.w[0] * {f}.c.x + {f}.w[1] * "
                       f"{f}.c.y + {f}.w[2];")
        scope.scalars.append([s, 3.0, False])

    def ret_expr(self, scope):
        parts = ["0.5 * a", "p[0].z"]
        for v in scope.all_scalars():
            v[2] = True
            parts.append(v[0] if v[1] <= BIG else
                         f"std::tanh({num(1.0 / v[1])} * {v[0]})")
        return " + ".join(parts)

    def block(self, scope, ind, depth, exits=True):
        r = self.rng
        if not hasattr(scope, "vecs"):
            scope.vecs = []
        for _ in range(r.randint(1, 3)):
            self.stmts_left -= 1
            k = r.randrange(16)
            d = r.randint(1, 3)
            self.ind = ind
            if k < 2:
                self.declare(scope, ind, d)
            elif k < 4:
                self.declare_vec(scope, ind)
            elif k < 6:
                self.write_vec(scope, ind, d)
            elif k < 8:
                self.write_out(scope, ind, d)
            elif k < 10 and self.loop_depth < 2 and self.stmts_left > 0:
                self.loop(scope, ind, depth)
            elif k == 10 and self.stmts_left > 0:
                self.branch(scope, ind, depth)
            elif k == 11 and exits:
                self.exit_stmt(scope, ind)
            elif k == 12 and self.loop_depth == 0:
                self.frame(scope, ind)
            elif k >= 13:
                self.more(scope, ind, d)
            else:
                self.update(scope, ind, d)
        # Every local is read (-Wall -Werror): into out.
        for v in scope.vecs:
            if not v[2]:
                i = self.index(scope, "x")
                self.emit(ind, f"out[{i}].vel.y += 0.5 * {v[0]}.x + "
                               f"0.25 * {v[0]}.z;")
                v[2] = True
        for v in scope.scalars:
            if not v[2]:
                i = self.index(scope, "x")
                t = v[0] if v[1] <= BIG else \
                    f"std::tanh({num(1.0 / v[1])} * {v[0]})"
                self.emit(ind, f"out[{i}].mass += 0.5 * {t};")
                v[2] = True

    def program(self):
        top = Scope()
        top.vecs = []
        self.block(top, 1, 2)
        while self.stmts_left > 0:
            self.block(top, 1, 2)
        self.ind = 1
        self.emit(1, f"out[n - 1].pos.x += 0.25 * "
                     f"{self.small(self.expr(top, 2))[0]};")
        self.emit(1, "out[0].vel.z += 0.1 * b.vel.dot(b.pos) * b.mass;")
        self.emit(1, f"return {self.ret_expr(top)};")
        sig = (f"TAD_JVP TAD_VJP double {self.name}(const Vec3 *p, "
               f"const Body &b, Body *out, double a, int n) {{")
        return self.helpers, [sig] + self.lines + ["}"]


class Program:
    def __init__(self, seed, index, kind=None):
        """kind forces the kind (run.py --kind): the draw of the kind is
        made all the same, so that the rest of the program's draws are."""
        rng = random.Random(f"{seed}:{index}")
        self.index = index
        self.name = f"p{index}"
        r = rng.random()
        acc = 0
        forced = kind
        for kind, w in KINDS:
            acc += w
            if r < acc:
                break
        self.kind = kind = forced or kind
        self.forced = forced
        self.counter = "int"
        self.inverse = False
        if kind == "general":
            self.helpers, self.lines = General(rng, self.name).program()
        elif kind == "linear":
            self.helpers, self.lines = linear_program(rng, self.name)
        elif kind == "structs":
            self.helpers, self.lines = Structs(rng, self.name).program()
        else:
            self.helpers, self.lines, self.counter, self.inverse = \
                inplace_program(rng, self.name)

    def modes(self):
        m = ["jvp", "vjp"]
        if self.kind == "linear":
            m.append("transpose")
        if self.kind == "inplace":
            m += ["ijvp", "ivjp", "logdet"] + (["inverse"] if self.inverse
                                               else [])
        return m

    def text(self):
        return "\n\n".join(self.helpers + ["\n".join(self.lines)])

    def check_call(self):
        if self.kind == "general":
            return f'difftest::general("{self.name}", {self.name}, ' \
                f"{self.name}_jvp, {self.name}_vjp);"
        if self.kind == "structs":
            return f'difftest::structs("{self.name}", {self.name}, ' \
                f"{self.name}_jvp, {self.name}_vjp);"
        if self.kind == "linear":
            return f'difftest::linear("{self.name}", {self.name}, ' \
                f"{self.name}_jvp, {self.name}_vjp, {self.name}_transpose);"
        n = self.name
        inv = f"{n}_inverse" if self.inverse else "nullptr"
        return (f'difftest::inplace<{self.counter}>("{n}", {n}, {n}_jvp, '
                f"{n}_vjp, {n}_ijvp, {n}_ivjp, {n}_logdet, {inv});")


# The check of a structs program (gen.py writes it into the unit, after
# difftest.h, where Vec3 and Body are declared): the arguments packed into
# z = (p[0..n) as x, y, z; b as pos, vel, mass; out[0..n) likewise; a),
# 10 n + 8 values, the results into (f, out[0..n)), 7 n + 1 values; the
# integer fields (id) carried, not differentiated: set to the element's
# index in the primal, its tangents and cotangents, and checked unchanged.
STRUCT_HARNESS = """\
namespace difftest {
using StF = double (*)(const Vec3 *, const Body &, Body *, double, int);
using StJ = double (*)(const Vec3 *, const Vec3 *, const Body &,
                       const Body &, Body *, Body *, double, double, int,
                       double *);
using StV = double (*)(const Vec3 *, const Body &, Body *, double, int,
                       double, Vec3 *, Body *, Body *, double *);
struct StArgs {
  std::vector<Vec3> P;
  Body B;
  std::vector<Body> Out;
  double A;
};
inline Vec3 unpackVec3(const double *Z) { return {Z[0], Z[1], Z[2]}; }
inline void packVec3(const Vec3 &V, double *Z) {
  Z[0] = V.x, Z[1] = V.y, Z[2] = V.z;
}
inline Body unpackBody(const double *Z, int Id) {
  Body B;
  B.pos = unpackVec3(Z);
  B.vel = unpackVec3(Z + 3);
  B.mass = Z[6];
  B.id = Id;
  return B;
}
inline void packBody(const Body &B, double *Z) {
  packVec3(B.pos, Z);
  packVec3(B.vel, Z + 3);
  Z[6] = B.mass;
}
inline StArgs unpackSt(const Vec &Z, size_t N) {
  StArgs S;
  for (size_t I = 0; I < N; ++I)
    S.P.push_back(unpackVec3(&Z[3 * I]));
  S.B = unpackBody(&Z[3 * N], 7);
  for (size_t I = 0; I < N; ++I)
    S.Out.push_back(unpackBody(&Z[3 * N + 7 + 7 * I], int(I)));
  S.A = Z[10 * N + 7];
  return S;
}
inline Vec packSt(const StArgs &S, size_t N) {
  Vec Z(10 * N + 8);
  for (size_t I = 0; I < N; ++I)
    packVec3(S.P[I], &Z[3 * I]);
  packBody(S.B, &Z[3 * N]);
  for (size_t I = 0; I < N; ++I)
    packBody(S.Out[I], &Z[3 * N + 7 + 7 * I]);
  Z[10 * N + 7] = S.A;
  return Z;
}
inline void checkIds(const StArgs &S, const char *Where) {
  bool Ok = S.B.id == 7;
  for (size_t I = 0; I < S.Out.size(); ++I)
    Ok = Ok && S.Out[I].id == int(I);
  if (!Ok)
    fail(std::string("an integer field (id) changed in ") + Where);
}
inline Vec results(double F, const StArgs &S, size_t N) {
  Vec R(7 * N + 1);
  R[0] = F;
  for (size_t I = 0; I < N; ++I)
    packBody(S.Out[I], &R[1 + 7 * I]);
  return R;
}
inline void structs(const char *Name, StF F, StJ J, StV V) {
  begin(Name);
  for (int N : {1, 3, 6}) {
    size_t n = N;
    auto Primal = [&](const Vec &Z) {
      StArgs S = unpackSt(Z, n);
      double R = F(S.P.data(), S.B, S.Out.data(), S.A, N);
      checkIds(S, "f");
      return results(R, S, n);
    };
    auto Jvp = [&](const Vec &Z, const Vec &D) {
      StArgs S = unpackSt(Z, n), T = unpackSt(D, n);
      double R = 0;
      J(S.P.data(), T.P.data(), S.B, T.B, S.Out.data(), T.Out.data(), S.A,
        T.A, N, &R);
      checkIds(S, "f_jvp");
      checkIds(T, "f_jvp's tangents");
      return results(R, T, n);
    };
    auto Vjp = [&](const Vec &Z, const Vec &W) {
      StArgs S = unpackSt(Z, n), C = unpackSt(Vec(10 * n + 8, 0.0), n);
      for (size_t I = 0; I < n; ++I)
        C.Out[I] = unpackBody(&W[1 + 7 * I], int(I));
      V(S.P.data(), S.B, S.Out.data(), S.A, N, W[0], C.P.data(), &C.B,
        C.Out.data(), &C.A);
      checkIds(S, "f_vjp");
      checkIds(C, "f_vjp's cotangents");
      return packSt(C, n);
    };
    // Seeds whose points have no coordinate within 5e-3 of 0 (700 * N + S
    // put p[2].x at -1.2e-5 for n = 3: fabs(p[i].x), fmax(0, p[i].x) had a
    // kink there too weak for the detector, inside the stencil).
    std::vector<Vec> Points;
    for (unsigned S = 0; S < 3; ++S)
      Points.push_back(tad_test::randomVec(10 * n + 8, 730 * N + S));
    checkJvpVjp(Primal, Jvp, Vjp, Points, 7 * n + 1);
  }
}
} // namespace difftest"""


def translation_unit(programs):
    """One C++ file: the programs, then (with TAD_GENERATED) the driver.
    Returns (text, {line: program index}) for the programs' lines."""
    out = ["// Random programs for tad's differential tests (gen.py).",
           '#include "tad/tad.h"', "#include <cmath>", "#include <cstddef>",
           "#include <algorithm>", ""]
    owner = {}
    structs = any(p.kind == "structs" for p in programs)
    if structs:
        out += STRUCT_DECLS.split("\n") + [""]
    for p in programs:
        start = len(out) + 1
        out += p.text().split("\n")
        for ln in range(start, len(out) + 1):
            owner[ln] = p.index
        out.append("")
    out += ["#ifdef TAD_GENERATED", "#include TAD_GENERATED",
            '#include "difftest.h"', ""]
    if structs:
        out += STRUCT_HARNESS.split("\n") + [""]
    out += ["int main() {"]
    out += ["  " + p.check_call() for p in programs]
    out += ["  return difftest::report();", "}", "#endif", ""]
    return "\n".join(out), owner


if __name__ == "__main__":
    import sys
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    print(translation_unit([Program(seed, k) for k in
                            range(first, first + count)])[0])
