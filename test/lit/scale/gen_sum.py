#!/usr/bin/env python3
"""A machine-written function: one sum of N terms c_i * x[i % 13] (a left
chain N deep), JVP and VJP, and with --main a program that checks f_jvp and
f_grad against the coefficients computed here independently."""
import sys

n = int(sys.argv[1])
coef = [((i * 7) % 11 + 1) / 4.0 for i in range(n)]
if "--main" in sys.argv:
    grad = [0.0] * 13
    for i, c in enumerate(coef):
        grad[i % 13] += c
    print('#include "sum.cpp"')
    print('#include TAD_GENERATED')
    print('#include <cmath>\n#include <cstdio>')
    print('int main() {')
    print('  double x[13], v[13], g[13] = {0}, d = 0;')
    print('  for (int k = 0; k < 13; ++k) { x[k] = 0.1 * k; v[k] = 1.0 + k; }')
    print('  const double want[13] = {%s};' % ", ".join(repr(w) for w in grad))
    print('  f_jvp(x, v, &d);')
    print('  f_grad(x, g);')
    print('  double jv = 0; int bad = 0;')
    print('  for (int k = 0; k < 13; ++k) { jv += want[k] * v[k];')
    print('    if (std::fabs(g[k] - want[k]) > 1e-9 * std::fabs(want[k])) ++bad; }')
    print('  if (std::fabs(d - jv) > 1e-9 * std::fabs(jv)) ++bad;')
    print('  std::printf("%s\\n", bad ? "FAIL" : "OK");')
    print('  return bad; }')
else:
    print('#include "tad/tad.h"')
    print('TAD_JVP TAD_VJP double f(const double *x) {')
    print('  return ' + " + ".join("%r * x[%d]" % (c, i % 13)
                                   for i, c in enumerate(coef)) + ';')
    print('}')
