//===- test/unit/LowerTest.cpp - Clang AST to IR --------------------------===//
#include "IR/Printer.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace tad;
using tad_unit::Parsed;

namespace {
bool contains(const std::string &Hay, const std::string &Needle) {
  return Hay.find(Needle) != std::string::npos;
}

TEST(LowerTest, ControlFlowArraysAndCalls) {
  Parsed P(R"(
    #include <cmath>
    static double h(double v) { return v * 2; }
    double f(const double *x, double *out, int n) {
      double acc[2] = {0.0, 1.0};
      int i = 0;
      while (i < n) {
        if (x[i] > 0 && !(i == 3)) {
          out[i] = std::sin(x[i]) + h(x[i]);
        } else {
          out[i] = x[i] > -1 ? -x[i] : 0.0;
          ++i;
          continue;
        }
        acc[0] += out[i];
        i++;
      }
      do { acc[1] *= 0.5; } while (acc[1] > 0.1);
      for (int k = 0; k < 2; ++k) { if (k == 1) break; acc[k] -= 1; }
      return acc[0];
    })");
  const Function *F = P.lower("f");
  ASSERT_NE(F, nullptr) << P.diagnostics();
  std::string IR = dumpIR(*F);
  EXPECT_TRUE(contains(IR, "function f(%x: const double *, %out: double *, "
                           "%n: int) -> double"))
      << IR;
  EXPECT_TRUE(contains(IR, "decl %acc: double[2] = {0.0:double 1.0:double}"))
      << IR;
  EXPECT_TRUE(contains(IR, "while (< %i %n):bool")) << IR;
  EXPECT_TRUE(contains(IR, "(call builtin std::sin (index %x %i)):double"))
      << IR;
  EXPECT_TRUE(contains(IR, "(call h (index %x %i)):double")) << IR;
  EXPECT_TRUE(contains(IR, "select")) << IR;
  EXPECT_TRUE(contains(IR, "assign %i += 1:int")) << IR;
  EXPECT_TRUE(contains(IR, "continue")) << IR;
  EXPECT_TRUE(contains(IR, "do-while")) << IR;
  EXPECT_TRUE(contains(IR, "break")) << IR;
  EXPECT_TRUE(contains(IR, "@4:12")) << "function location\n" << IR;
  EXPECT_EQ(P.diagnostics(), "");
}

TEST(LowerTest, KeepsQualifiersAndAnnotations) {
  Parsed P(R"(
    #include "tad/tad.h"
    TAD_JVP static inline double g(double *__restrict__ y) { return y[0]; }
    TAD_LINEAR(z, w) double lin(double c, double z, double w) {
      return c * z + w;
    })");
  const Function *G = P.lower("g");
  ASSERT_NE(G, nullptr) << P.diagnostics();
  EXPECT_TRUE(G->Qualifiers & QStatic);
  EXPECT_TRUE(G->Qualifiers & QInline);
  EXPECT_TRUE(G->Params[0]->Ty.Restrict);
  EXPECT_TRUE(G->hasAnnotation("jvp"));
  const Function *L = P.lower("lin");
  ASSERT_NE(L, nullptr);
  ASSERT_EQ(L->Annotations.size(), 1u);
  EXPECT_EQ(L->Annotations[0].Kind, "linear");
  EXPECT_EQ(L->Annotations[0].Args, (std::vector<std::string>{"z", "w"}));
  EXPECT_EQ(P.diagnostics(), "") << "tad's attributes are registered";
}

TEST(LowerTest, RejectsGotoAtItsLocation) {
  Parsed P("double f(double x) {\n"
           "  if (x > 0)\n"
           "    goto done;\n"
           "  x = -x;\n"
           "done:\n"
           "  return x;\n"
           "}\n");
  EXPECT_EQ(P.lower("f"), nullptr);
  EXPECT_TRUE(contains(P.diagnostics(),
                       "input.cpp:3:5: error: 'goto' is not supported"))
      << P.diagnostics();
}

TEST(LowerTest, FollowsPointersIntoArrays) {
  // A local pointer is (array, offset): q[0] = 1 writes x[q_off].
  Parsed P("void f(double *x) {\n"
           "  double *q = x + 2;\n"
           "  q[0] = 1;\n"
           "}\n"
           "void g(double *x) { *(x + 1) = 2; }\n");
  const Function *F = P.lower("f");
  ASSERT_NE(F, nullptr) << P.diagnostics();
  const Stmt &W = *F->Body.back();
  ASSERT_TRUE(W.is(Stmt::Kind::Assign));
  EXPECT_EQ(rootVar(W.LHS), F->Params[0]);
  const Function *G = P.lower("g");
  ASSERT_NE(G, nullptr) << P.diagnostics();
  EXPECT_EQ(rootVar(G->Body.back()->LHS), G->Params[0]);
}

TEST(LowerTest, RejectsPointersItCannotFollow) {
  Parsed P("double f(double *x, double *y, bool c) {\n"
           "  double *q = c ? x : y;\n"
           "  return q[0];\n"
           "}\n");
  EXPECT_EQ(P.lower("f"), nullptr);
  EXPECT_TRUE(contains(P.diagnostics(), "input.cpp:2:15: error: a pointer that "
                                        "may point into either of two arrays"))
      << P.diagnostics();
}
} // namespace
