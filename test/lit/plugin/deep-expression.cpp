// The plugin runs tad's work on a thread with a large stack (clang's own
// stack is 8 MiB): a sum 30,000 terms deep, which clang parses within its
// stack but which overflowed tad's recursive lowering there, is generated
// as tad-gen generates it.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/../../../bench/scale/gen.py chain 30000 TAD_JVP TAD_VJP > %t/chain.cpp
// RUN: %cxx %plugin -fplugin-arg-tad-emit-dir=%t/emit -fsyntax-only %t/chain.cpp
// RUN: %tad-gen %t/chain.cpp -o %t/chain.tad.cpp -- %tad-flags
// RUN: diff %t/emit/chain.tad.cpp %t/chain.tad.cpp
// RUN: FileCheck %s --input-file %t/chain.tad.cpp
// CHECK: double f_jvp(const double *x, const double *d_x, double *d_return) {
// CHECK: double f_vjp(const double *x, double ct_return, double *ct_x) {
