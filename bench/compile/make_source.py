#!/usr/bin/env python3
"""Writes a C++ file of 50 annotated numerical functions for the compile-time
benchmark: python3 make_source.py <annotation...> > file.cpp (e.g. TAD_JVP, or
TAD_JVP TAD_VJP). The functions are of the kinds tad is used on: loops over
arrays, maths functions, branches, small fixed-size helpers."""
import sys

ann = " ".join(sys.argv[1:]) or "TAD_JVP"
kinds = [
    """{a} double f{i}(const double *x, int n) {{
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::sin(x[i] * {c}) * x[i];
  return s;
}}""",
    """{a} double f{i}(double a, double b) {{
  double r = a * b + {c};
  if (r > 0)
    r = std::sqrt(r) + std::exp(-a);
  else
    r = r * r - std::log(1.0 + b * b);
  return r;
}}""",
    """{a} double f{i}(const double *w, const double *x, int n) {{
  double dot = 0, nrm = 0;
  for (int i = 0; i < n; ++i) {{
    dot += w[i] * x[i];
    nrm += x[i] * x[i];
  }}
  return std::tanh(dot / (1.0 + nrm)) * {c};
}}""",
    """{a} double f{i}(double t, const double *p) {{
  double y = p[0];
  for (int k = 1; k < 4; ++k)
    y = y * t + p[k] * std::cos({c} * t);
  return y;
}}""",
    """{a} double f{i}(const double *x, int n, double h) {{
  double e = 0;
  for (int i = 1; i + 1 < n; ++i) {{
    double lap = (x[i - 1] - 2 * x[i] + x[i + 1]) / (h * h);
    e += 0.5 * lap * lap + {c} * x[i] * x[i] * x[i] * x[i];
  }}
  return e;
}}""",
]
print("// 50 tad-annotated functions for the compile-time benchmark.")
print('#include "tad/tad.h"')
print("#include <cmath>\n")
for i in range(50):
    print(kinds[i % len(kinds)].format(a=ann, i=i, c=0.5 + 0.01 * i))
    print()
