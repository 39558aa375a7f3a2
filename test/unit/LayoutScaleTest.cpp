//===- test/unit/LayoutScaleTest.cpp - layout of machine-sized statements -===//
//
// A sum of tens of thousands of terms and brackets thousands deep are laid
// out in time about linear in their size; the text is the same as on one
// line, up to the whitespace of the line breaks.
//
//===----------------------------------------------------------------------===//
#include "Emit/Layout.h"
#include "Frontend/Stack.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

using namespace tad::layout;

namespace {
using Id = Doc::Id;

std::string withoutSpace(const std::string &S) {
  std::string Out;
  for (char C : S)
    if (C != ' ' && C != '\n')
      Out += C;
  return Out;
}

double secondsSince(std::chrono::steady_clock::time_point T) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T)
      .count();
}

/// `c0 * x[0] + c1 * x[1] + ...`, N products.
Id longSum(Doc &D, unsigned N) {
  std::vector<Id> Terms;
  std::vector<std::string> Ops;
  for (unsigned I = 0; I < N; ++I) {
    Terms.push_back(D.list({D.text(std::to_string(I % 97) + ".25"),
                            D.text("x[" + std::to_string(I % 16) + "]")},
                           {" *"}, Multiplicative, true));
    if (I)
      Ops.push_back(I % 3 ? " +" : " -");
  }
  return D.list(std::move(Terms), std::move(Ops), Additive, false);
}

TEST(LayoutScaleTest, LongSumFillsLinesInLinearTime) {
  for (unsigned N : {2000u, 40000u}) {
    Doc D;
    Id Sum = longSum(D, N);
    Id Stmt = D.concat({D.assign(D.text("double s"), " =", Sum), D.text(";")});
    auto Start = std::chrono::steady_clock::now();
    std::string Text = D.layout(Stmt, 2);
    // Before the list's states were bounded: 2000 terms 4 s, 40000 hours.
    EXPECT_LT(secondsSince(Start), 20.0) << N;
    EXPECT_EQ(withoutSpace(Text), withoutSpace(D.flat(Stmt))) << N;
    std::istringstream In(Text);
    size_t Lines = 0;
    for (std::string L; std::getline(In, L); ++Lines)
      EXPECT_LE(L.size(), Limit) << L;
    // Filled lines: about as many as the text needs at 80 columns, not
    // one per term.
    EXPECT_LT(Lines, D.flat(Stmt).size() / 60) << N;
  }
}

TEST(LayoutScaleTest, DeepBracketsAreLaidOutAsOneText) {
  // x0 + 0.5 * (x1 - 0.5 * (x2 + ...)), Depth brackets deep: every layout
  // overflows past a few levels, and the search for the cheapest one gives
  // way to the one-pass layout.
  for (unsigned Depth : {20u, 3000u}) {
    Doc D;
    Id Inner = D.text("x[" + std::to_string(Depth % 16) + "]");
    for (unsigned I = Depth; I-- > 0;) {
      Id Scaled =
          D.list({D.text("0.5"), D.bracket("(", Inner, ")", Opening::Operand)},
                 {" *"}, Multiplicative, true);
      Inner = D.list({D.text("x[" + std::to_string(I % 16) + "]"), Scaled},
                     {I % 2 ? " -" : " +"}, Additive, false);
    }
    Id Stmt = D.concat({D.text("return "), Inner, D.text(";")});
    // Layout recurses as deep as the brackets nest: on the stack tad-gen
    // and the plugin give it (sanitized frames overflow the default one).
    auto Start = std::chrono::steady_clock::now();
    std::string Text, Flat;
    tad::runOnLargeStack([&] {
      Text = D.layout(Stmt, 2);
      Flat = D.flat(Stmt);
    });
    EXPECT_LT(secondsSince(Start), 20.0) << Depth;
    EXPECT_EQ(withoutSpace(Text), withoutSpace(Flat)) << Depth;
  }
}

} // namespace
