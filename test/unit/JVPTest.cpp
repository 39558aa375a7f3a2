//===- test/unit/JVPTest.cpp - forward-mode transform ---------------------===//
#include "Emit/Emitter.h"
#include "Rules/Rules.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace tad;
using tad_unit::Parsed;

namespace {
bool contains(const std::string &Hay, const std::string &Needle) {
  return Hay.find(Needle) != std::string::npos;
}

TEST(JVPTest, SignatureConvention) {
  Parsed P(R"(
    double f(double x, const float *a, int n, double *out) {
      out[0] = x * a[0] * n;
      return x;
    })");
  const Function *J = P.jvp("f");
  ASSERT_NE(J, nullptr) << P.diagnostics();
  EXPECT_EQ(emitSignature(*J),
            "double f_jvp(double x, double d_x, const float *a, const float "
            "*d_a, int n, double *out, double *d_out, double *d_return)");
}

TEST(JVPTest, TangentUpdateReadsOldPrimalAndPassiveValuesGetNone) {
  Parsed P(R"(
    double f(double x, double y, int n) {
      double c = 3.0;
      for (int i = 0; i < n; ++i)
        x = x * y + c;
      return x;
    })");
  const Function *J = P.jvp("f");
  ASSERT_NE(J, nullptr) << P.diagnostics();
  std::string Code = emitDefinition(*J);
  // The tangent assignment comes first: it reads the old x.
  size_t T = Code.find("d_x = d_x * y + x * d_y;");
  size_t X = Code.find("x = x * y + c;");
  ASSERT_NE(T, std::string::npos) << Code;
  ASSERT_NE(X, std::string::npos) << Code;
  EXPECT_LT(T, X) << Code;
  EXPECT_FALSE(contains(Code, "d_c")) << "c is passive\n" << Code;
  EXPECT_FALSE(contains(Code, "d_i")) << "i is an integer\n" << Code;
  EXPECT_FALSE(contains(Code, "d_n")) << Code;
  EXPECT_TRUE(contains(Code, "*d_return = d_x;")) << Code;
}

TEST(JVPTest, RuleTableCoversTheMathLibrary) {
  for (const char *Name :
       {"sin",       "cos",    "tan",   "asin",      "acos",     "atan",
        "atan2",     "sinh",   "cosh",  "tanh",      "exp",      "exp2",
        "expm1",     "log",    "log2",  "log10",     "log1p",    "sqrt",
        "cbrt",      "pow",    "hypot", "fabs",      "fmin",     "fmax",
        "fma",       "erf",    "erfc",  "asinh",     "acosh",    "atanh",
        "lgamma",    "tgamma", "floor", "ceil",      "round",    "trunc",
        "nearbyint", "rint",   "fmod",  "remainder", "copysign", "fdim",
        "isfinite",  "isnan",  "isinf", "signbit"}) {
    const Primitive *P = findMathPrimitive(Name);
    ASSERT_NE(P, nullptr) << Name;
    EXPECT_NE(P->Jvp, nullptr) << Name;
    EXPECT_EQ(findMathPrimitive(std::string("std::") + Name), P) << Name;
  }
  EXPECT_EQ(findMathPrimitive("sinf"), findMathPrimitive("sin"));
  EXPECT_EQ(findMathPrimitive("abs"), findMathPrimitive("fabs"));
  EXPECT_EQ(findMathPrimitive("floorf"), findMathPrimitive("floor"));
  EXPECT_EQ(findMathPrimitive("lgammaf"), findMathPrimitive("lgamma"));
  // std::numeric_limits<T>: one row per member for every T.
  const Primitive *Eps =
      findMathPrimitive("std::numeric_limits<double>::epsilon", 0);
  ASSERT_NE(Eps, nullptr);
  EXPECT_EQ(findMathPrimitive("std::numeric_limits<float>::epsilon", 0), Eps);
  EXPECT_NE(findMathPrimitive("std::numeric_limits<double>::max", 0),
            findMathPrimitive("max"));
  // Functions without a rule.
  EXPECT_EQ(findMathPrimitive("expint"), nullptr);
  EXPECT_EQ(findMathPrimitive("std::numeric_limits<double>::digits10"),
            nullptr);
  EXPECT_EQ(findMathPrimitive("fmod", 1), nullptr);
}

TEST(JVPTest, ResultReusingRulesBindATemporary) {
  Parsed P(R"(
    #include <cmath>
    double f(double x) { return std::exp(x) + std::sin(x); })");
  const Function *J = P.jvp("f");
  ASSERT_NE(J, nullptr) << P.diagnostics();
  std::string Code = emitDefinition(*J);
  EXPECT_TRUE(contains(Code, "const double _t0 = std::exp(x);")) << Code;
  EXPECT_TRUE(contains(Code, "*d_return = _t0 * d_x + std::cos(x) * d_x;"))
      << Code;
  EXPECT_TRUE(contains(Code, "return _t0 + std::sin(x);")) << Code;
}

TEST(JVPTest, CalleesAreDifferentiatedOnceEvenWhenRecursive) {
  Parsed P(R"(
    double p(double x, int k) { return k == 0 ? 1.0 : x * p(x, k - 1); }
    double f(double x) { return p(x, 3) + p(x, 2); })");
  const Function *J = P.jvp("f");
  ASSERT_NE(J, nullptr) << P.diagnostics();
  ASSERT_EQ(P.generator().generated().size(), 2u);
  EXPECT_EQ(P.generator().generated()[1]->Name, "p_jvp");
  std::string Code = emitDefinition(*P.generator().generated()[1]);
  // The recursive call runs only in its arm of the ?:, as in the primal.
  size_t Else = Code.find("} else {"), Call = Code.find("p_jvp(x, d_x, k - 1");
  ASSERT_NE(Call, std::string::npos) << Code;
  EXPECT_LT(Else, Call) << Code;
}

TEST(JVPTest, MissingDefinitionIsAnErrorWithANoteAtTheCall) {
  Parsed P("double ext(double);\n"
           "double f(double x) {\n"
           "  return ext(x) * 2;\n"
           "}\n");
  P.jvp("f");
  std::string D = P.diagnostics();
  EXPECT_TRUE(contains(D, "input.cpp:1:8: error: cannot differentiate 'ext': "
                          "no definition is visible"))
      << D;
  EXPECT_TRUE(contains(D, "input.cpp:3:10: note: 'ext' is called here")) << D;
}
} // namespace
