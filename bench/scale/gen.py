#!/usr/bin/env python3
"""Machine-written sources for tad's scale benchmark and tests.

    gen.py KIND N [ANNOTATION...] > file.cpp

KIND is one of
  sum      one expression, a sum of N terms (products, quotients, maths
           calls of the elements of x[0..16))
  nest     one expression nested N parentheses deep: x0 + c*(x1 - c*(...))
           (clang needs -fbracket-depth=M, M > N, beyond 256)
  stmts    a function of N statements: N locals, each computed from the
           two before it, the last returned
  chain    one expression, x[0] + x[1] + ..., N terms one per line (the
           simplest deep tree: a sum is a chain N operators deep)
  loops    N counted loops nested in each other (N small: 1..8), the body
           a product of one element per loop
  funcs    N annotated functions (the kinds of bench/compile)
ANNOTATION defaults to TAD_JVP (e.g. TAD_VJP, or both).

Every function reads `const double *x` (16 elements for sum, nest and
stmts; `n` per dimension for loops) and returns a double, so that a test can
check any of them against finite differences with the same driver.
"""
import sys

X = 16  # elements of x the expressions read


def term(i):
    a, b = i % X, (7 * i + 3) % X
    c = 1.0 + (i % 13) / 16.0
    k = i % 6
    if k == 0:
        return "%g * x[%d] * x[%d]" % (c / i if i else c, a, b)
    if k == 1:
        return "std::sin(x[%d]) * %g" % (a, c)
    if k == 2:
        return "x[%d] / (%g + x[%d] * x[%d])" % (a, c + 1, b, b)
    if k == 3:
        return "%g * std::exp(-x[%d] * x[%d])" % (c, a, a)
    if k == 4:
        return "x[%d] * x[%d] * x[%d]" % (a, b, (a + b) % X)
    return "std::tanh(x[%d] - x[%d])" % (a, b)


def gen_sum(n, ann):
    # Terms shrink like 1/(i+1) so that the value stays moderate.
    body = " +\n         ".join(
        "%s * %.6g" % ("(" + term(i) + ")", 1.0 / (i + 1)) for i in range(n))
    return "%s double f(const double *x) {\n  return %s;\n}\n" % (ann, body)


def gen_nest(n, ann):
    # x[0] + 0.5 * (std::sin(x[1]) - 0.5 * (x[2] * x[3] + 0.5 * (...)))
    # Each level multiplies by 0.5, so the value and derivative stay bounded.
    ops = ["+", "-"]
    head, tail = [], []
    for i in range(n):
        a = i % X
        leaf = "x[%d]" % a if i % 3 else "std::sin(x[%d])" % a
        if i % 3 == 2:
            leaf = "x[%d] * x[%d]" % (a, (a + 5) % X)
        head.append("%s %s 0.5 * (" % (leaf, ops[i % 2]))
        tail.append(")")
    expr = "".join(head) + "x[%d]" % (n % X) + "".join(tail)
    return "%s double f(const double *x) {\n  return %s;\n}\n" % (ann, expr)


def gen_stmts(n, ann):
    # A chain: only the result reads the last local, so activity's
    # usefulness reaches each local through all the later ones.
    lines = ["  double t0 = x[0];", "  double t1 = x[1];"]
    for i in range(2, n):
        a = i % X
        k = i % 4
        if k == 0:
            rhs = "0.5 * t%d + std::sin(t%d) * x[%d]" % (i - 1, i - 2, a)
        elif k == 1:
            rhs = "t%d * x[%d] - 0.25 * t%d" % (i - 1, a, i - 2)
        elif k == 2:
            rhs = "std::tanh(t%d + t%d)" % (i - 1, i - 2)
        else:
            rhs = "t%d / (1.0 + x[%d] * x[%d])" % (i - 1, a, a)
        lines.append("  double t%d = %s;" % (i, rhs))
    lines.append("  return t%d;" % (n - 1))
    return "%s double f(const double *x) {\n%s\n}\n" % (ann, "\n".join(lines))


def gen_chain(n, ann):
    body = "\n         + ".join("x[%d]" % (i % X) for i in range(n))
    return "%s double f(const double *x) {\n  return %s;\n}\n" % (ann, body)


def gen_loops(n, ann):
    # x has m^n elements, m = 3, read row-major by the loop indices.
    ind = ["i%d" % k for k in range(n)]
    lines = ["  double s = 0;"]
    for k in range(n):
        lines.append("  " * (k + 1) + "for (int %s = 0; %s < m; ++%s)" %
                     (ind[k], ind[k], ind[k]))
    flat = ind[0]
    for k in range(1, n):
        flat = "(%s) * m + %s" % (flat, ind[k])
    lines.append("  " * (n + 1) + "s += std::sin(x[%s]) * x[%s];" %
                 (flat, ind[n - 1]))
    lines.append("  return s;")
    return "%s double f(const double *x, int m) {\n%s\n}\n" % (
        ann, "\n".join(lines))


def gen_funcs(n, ann):
    kinds = [
        """{a} double f{i}(const double *x) {{
  double s = 0;
  for (int i = 0; i < 16; ++i)
    s += std::sin(x[i] * {c}) * x[i];
  return s;
}}""",
        """{a} double f{i}(const double *x) {{
  double r = x[0] * x[1] + {c};
  if (r > 0)
    r = std::sqrt(r) + std::exp(-x[2]);
  else
    r = r * r - std::log(1.0 + x[3] * x[3]);
  return r;
}}""",
        """{a} double f{i}(const double *x) {{
  double dot = 0, nrm = 0;
  for (int i = 0; i < 8; ++i) {{
    dot += x[i + 8] * x[i];
    nrm += x[i] * x[i];
  }}
  return std::tanh(dot / (1.0 + nrm)) * {c};
}}""",
        """{a} double f{i}(const double *x) {{
  double y = x[0];
  for (int k = 1; k < 4; ++k)
    y = y * x[4] + x[k] * std::cos({c} * x[5]);
  return y;
}}""",
        """{a} double f{i}(const double *x) {{
  double e = 0;
  for (int i = 1; i + 1 < 16; ++i) {{
    double lap = x[i - 1] - 2 * x[i] + x[i + 1];
    e += 0.5 * lap * lap + {c} * x[i] * x[i] * x[i] * x[i];
  }}
  return e;
}}""",
    ]
    out = []
    for i in range(n):
        out.append(kinds[i % len(kinds)].format(a=ann, i=i, c=0.5 + 0.001 * i))
    # f is the sum of all of them, so that a test checks one function.
    out.append("%s double f(const double *x) {\n  double s = 0;\n%s\n  return s;\n}"
               % (ann, "\n".join("  s += f%d(x);" % i for i in range(n))))
    return "\n\n".join(out) + "\n"


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    ann = " ".join(sys.argv[3:]) or "TAD_JVP"
    body = {"sum": gen_sum, "nest": gen_nest, "stmts": gen_stmts,
            "chain": gen_chain, "loops": gen_loops, "funcs": gen_funcs}[kind](n, ann)
    sys.stdout.write("// Generated by bench/scale/gen.py %s %d %s\n"
                     '#include "tad/tad.h"\n#include <cmath>\n\n%s'
                     % (kind, n, ann, body))


main()
