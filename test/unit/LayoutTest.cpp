//===- test/unit/LayoutTest.cpp - line breaking of generated code ---------===//
#include "Emit/Layout.h"
#include "Emit/Emitter.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <sstream>

using namespace tad::layout;
using tad_unit::Parsed;

namespace {
using Id = Doc::Id;

/// `a op b op c ...` from names.
Id chain(Doc &D, const std::vector<std::string> &Names, const char *Op, Level L,
         bool Nested = false) {
  std::vector<Id> Items;
  for (const std::string &N : Names)
    Items.push_back(D.text(N));
  return D.list(std::move(Items),
                std::vector<std::string>(Names.size() - 1, Op), L, Nested);
}

Id call(Doc &D, const std::string &Callee, std::vector<Id> Args) {
  if (Args.size() == 1)
    return D.bracket(Callee + "(", Args[0], ")", Opening::Call);
  std::vector<std::string> Commas(Args.size() - 1, ",");
  return D.bracket(Callee + "(",
                   D.list(std::move(Args), std::move(Commas), Comma, false),
                   ")", Opening::Call);
}

/// `Target = Value;`
Id assignment(Doc &D, const std::string &Target, Id Value) {
  return D.concat({D.assign(D.text(Target), " =", Value), D.text(";")});
}

std::vector<std::string> lines(const std::string &Text) {
  std::vector<std::string> Ls;
  std::istringstream In(Text);
  for (std::string L; std::getline(In, L);)
    Ls.push_back(L);
  return Ls;
}

size_t longest(const std::string &Text) {
  size_t Max = 0;
  for (const std::string &L : lines(Text))
    Max = std::max(Max, L.size());
  return Max;
}

TEST(LayoutTest, ShortLinesAreUntouched) {
  Doc D;
  Id Product = chain(D, {"b", "c"}, " *", Multiplicative, true);
  Id Sum = D.list({D.text("a"), Product}, {" +"}, Additive, false);
  EXPECT_EQ(D.layout(assignment(D, "double x", Sum), 2),
            "  double x = a + b * c;");
  // Exactly 80 columns still fit.
  Doc E;
  std::string Long(80 - 2 - 4 - 1, 'v');
  EXPECT_EQ(E.layout(assignment(E, "x", E.text(Long)), 2),
            "  x = " + Long + ";");
}

TEST(LayoutTest, LongSumBreaksAfterPlusAndAlignsWithItsFirstOperand) {
  Doc D;
  Id Sum = D.list(
      {chain(D, {"first_long_operand", "factor"}, " *", Multiplicative, true),
       chain(D, {"second_long_operand", "factor"}, " *", Multiplicative, true),
       chain(D, {"third_long_operand", "factor"}, " *", Multiplicative, true)},
      {" +", " +"}, Additive, false);
  EXPECT_EQ(D.layout(assignment(D, "double total", Sum), 2),
            "  double total = first_long_operand * factor + "
            "second_long_operand * factor +\n"
            "                 third_long_operand * factor;");
}

TEST(LayoutTest, ValueThatFitsTheNextLineBreaksAfterTheAssignment) {
  Doc D;
  Id Sum = chain(
      D,
      {"alpha_coefficient * beta", "gamma_coefficient * delta", "epsilon_term"},
      " +", Additive);
  EXPECT_EQ(D.layout(assignment(D, "double result_value", Sum), 2),
            "  double result_value =\n"
            "      alpha_coefficient * beta + gamma_coefficient * delta + "
            "epsilon_term;");
}

TEST(LayoutTest, NestedOperandsAndParentheses) {
  // d = a + f * (long sum): the product, an operand of `+`, continues 4
  // columns past its start; inside the parentheses the sum aligns after
  // `(`. The value starts the next line, which saves a break.
  Doc D;
  Id Inner = chain(D,
                   {"d_position_x * position_y", "position_x * d_position_y",
                    "d_velocity_x * velocity_y"},
                   " +", Additive);
  Id Product = D.list({D.text("potential_energy_factor"),
                       D.bracket("(", Inner, ")", Opening::Call)},
                      {" *"}, Multiplicative, true);
  Id Sum = D.list({D.text("_d_t0 * _t1"), Product}, {" +"}, Additive, false);
  EXPECT_EQ(D.layout(assignment(D, "double d_potential", Sum), 2),
            "  double d_potential =\n"
            "      _d_t0 * _t1 + potential_energy_factor *\n"
            "                        (d_position_x * position_y + "
            "position_x * d_position_y +\n"
            "                         d_velocity_x * velocity_y);");
}

TEST(LayoutTest, LongCallArgumentListsFillLinesAlignedAfterTheParenthesis) {
  Doc D;
  std::vector<Id> Args;
  for (const char *A :
       {"position_x", "position_y", "velocity_x", "velocity_y", "mass",
        "stiffness", "1.0", "ct_position_x", "ct_position_y"})
    Args.push_back(D.text(A));
  Id Call = call(D, "total_energy_vjp", std::move(Args));
  EXPECT_EQ(D.layout(D.concat({D.text("return "), Call, D.text(";")}), 2),
            "  return total_energy_vjp(position_x, position_y, velocity_x, "
            "velocity_y, mass,\n"
            "                          stiffness, 1.0, ct_position_x, "
            "ct_position_y);");
}

TEST(LayoutTest, CallThatCannotAlignBreaksAfterTheParenthesis) {
  // Aligned after `(`, the last argument would pass column 80.
  Doc D;
  Id Call = call(D, "tad::lu_solve_transposed",
                 {D.text("2"), D.text("_lump_a_1"), D.text("_lump_c_1"),
                  D.text("\"random_programs.test.tmp.cpp:14-16 (r0_ivjp)\"")});
  EXPECT_EQ(D.layout(D.concat({Call, D.text(";")}), 8),
            "        tad::lu_solve_transposed(\n"
            "            2, _lump_a_1, _lump_c_1,\n"
            "            \"random_programs.test.tmp.cpp:14-16 (r0_ivjp)\");");
}

TEST(LayoutTest, Signatures) {
  auto Params = [](Doc &D, const std::vector<std::string> &Ps) {
    std::vector<Id> Items;
    for (const std::string &P : Ps)
      Items.push_back(D.text(P));
    return D.list(std::move(Items),
                  std::vector<std::string>(Ps.size() - 1, ","), Comma, false);
  };
  std::vector<std::string> Ps = {"const double *w", "const double *d_w",
                                 "const double *x", "const double *d_x",
                                 "int n",           "double *d_return"};
  Doc D;
  EXPECT_EQ(D.layout(D.declaration("double", "f2_jvp", Params(D, Ps), ");"), 0),
            "double f2_jvp(const double *w, const double *d_w, const double "
            "*x,\n"
            "              const double *d_x, int n, double *d_return);");
  // A long name: the parameters start the next line, 4 columns in, where
  // that saves lines.
  Doc E;
  EXPECT_EQ(E.layout(E.declaration(
                         "static double", "spring_energy_between_particles_jvp",
                         Params(E, {"double position_x", "double d_position_x",
                                    "double position_y", "double d_position_y",
                                    "double rest_length",
                                    "double d_rest_length", "double stiffness",
                                    "double d_stiffness", "double *d_return"}),
                         ") {"),
                     0),
            "static double spring_energy_between_particles_jvp(\n"
            "    double position_x, double d_position_x, double position_y,\n"
            "    double d_position_y, double rest_length, double "
            "d_rest_length,\n"
            "    double stiffness, double d_stiffness, double *d_return) {");
}

TEST(LayoutTest, Conditionals) {
  Doc D;
  Id Cond = D.conditional(
      chain(D, {"gamma_coefficient * beta", "0.0"}, " ==", Equality, true),
      D.text("0.0"),
      chain(D, {"gamma_coefficient", "std::pow(q2, gamma_coefficient - 1.0)"},
            " *", Multiplicative, true));
  Id Product =
      D.list({D.bracket("(", Cond, ")", Opening::Call), D.text("d_q2")}, {" *"},
             Multiplicative, false);
  EXPECT_EQ(D.layout(assignment(D, "double d_power", Product), 2),
            "  double d_power =\n"
            "      (gamma_coefficient * beta == 0.0\n"
            "           ? 0.0\n"
            "           : gamma_coefficient * std::pow(q2, gamma_coefficient - "
            "1.0)) *\n"
            "      d_q2;");
}

TEST(LayoutTest, NothingPassesColumn80WhenABreakExists) {
  // Random sums of products of calls, at random depths: every line fits,
  // and the text is the same but for line breaks and indentation.
  std::mt19937 Rng(7);
  auto Pick = [&](unsigned N) { return static_cast<unsigned>(Rng() % N); };
  const char *Names[] = {"x",    "velocity",          "d_temperature",
                         "_t12", "gamma_coefficient", "0.5"};
  // An operand of level L (Additive, Multiplicative, or 0: any), or an
  // argument among several when not First.
  std::function<Id(Doc &, int, unsigned, bool)> Expr =
      [&](Doc &D, int Depth, unsigned L, bool First) -> Id {
    unsigned K = Depth ? Pick(4) : 3;
    if (K == 3)
      return D.text(Names[Pick(6)]);
    if (K == 2) {
      std::vector<Id> Args;
      for (unsigned I = 0, N = 1 + Pick(3); I < N; ++I)
        Args.push_back(Expr(D, Depth - 1, 0, N == 1));
      return call(D, Pick(2) ? "std::sin" : "std::atan2", std::move(Args));
    }
    Level Op = K ? Additive : Multiplicative;
    if (L >= Op) // would need parentheses
      return D.bracket("(", Expr(D, Depth, 0, true), ")", Opening::Call);
    std::vector<Id> Items;
    for (unsigned I = 0, N = 2 + Pick(4); I < N; ++I)
      Items.push_back(Expr(D, Depth - 1, Op, false));
    return D.list(std::move(Items),
                  std::vector<std::string>(Items.size() - 1, K ? " +" : " *"),
                  Op, !First);
  };
  auto Squeezed = [](const std::string &S) {
    std::string T;
    for (char C : S)
      if (C != ' ' && C != '\n')
        T += C;
    return T;
  };
  for (int Round = 0; Round < 300; ++Round) {
    Doc D;
    unsigned Indent = 2 * Pick(5);
    Id S = assignment(D, "double d_value", Expr(D, 2 + Pick(3), 0, true));
    std::string Out = D.layout(S, Indent);
    EXPECT_LE(longest(Out), Limit) << Out;
    EXPECT_EQ(Squeezed(Out), Squeezed(D.flat(S))) << Out;
  }
}

TEST(LayoutTest, CommentsWrapAtSpaces) {
  EXPECT_EQ(comment("line 12", 4), "    // line 12\n");
  std::string Text = "line 31: custom JVP 'very_long_rule_name_jvp' of "
                     "'another_quite_long_function_name'";
  EXPECT_EQ(comment(Text, 6),
            "      // line 31: custom JVP 'very_long_rule_name_jvp' of\n"
            "      // 'another_quite_long_function_name'\n");
}

TEST(LayoutTest, EmitterLaysOutDefinitions) {
  Parsed P(R"(
    #include <cmath>
    double spring(double position_x, double position_y, double rest_length,
                  double stiffness) {
      double stretch = std::sqrt(position_x * position_x +
                                 position_y * position_y) - rest_length;
      return 0.5 * stiffness * stretch * stretch;
    })");
  const tad::Function *J = P.jvp("spring");
  ASSERT_NE(J, nullptr) << P.diagnostics();
  std::string Code = tad::emitDefinition(*J);
  EXPECT_LE(longest(Code), Limit) << Code;
  EXPECT_NE(
      Code.find("double spring_jvp(double position_x, double d_position_x,"
                " double position_y,\n"
                "                  double d_position_y, double "
                "rest_length, double d_rest_length,\n"
                "                  double stiffness, double d_stiffness, "
                "double *d_return) {\n"),
      std::string::npos)
      << Code;
  EXPECT_NE(Code.find("  double d_stretch =\n"
                      "      (2.0 * (position_x * d_position_x) + "
                      "2.0 * (position_y * d_position_y)) /\n"
                      "          (2.0 * _t0) -\n"
                      "      d_rest_length;\n"),
            std::string::npos)
      << Code;
  EXPECT_NE(Code.find("  *d_return =\n"
                      "      (0.5 * d_stiffness * stretch + 0.5 * stiffness * "
                      "d_stretch) * stretch +\n"
                      "      0.5 * stiffness * stretch * d_stretch;\n"),
            std::string::npos)
      << Code;
  // A one-statement body that fits stays on the signature's line.
  Parsed Q("double sq(double x) { return x * x; }");
  const tad::Function *F = Q.lower("sq");
  ASSERT_NE(F, nullptr) << Q.diagnostics();
  EXPECT_EQ(tad::emitDefinition(*F), "double sq(double x) { return x * x; }\n");
}
} // namespace
