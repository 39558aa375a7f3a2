//===- Analysis/Affine.h - integer index expressions as sums ----*- C++ -*-===//
//
// Index arithmetic for the loop transforms that rewrite transposed stencils
// (CarriedSums, GatherStencils): an integer expression as a signed sum of
// terms and a constant (to compare indices that differ by a constant and
// to fold `n - 1 + 1`), and as a polynomial in its variables (to read the
// stride of a loop counter in `(i - 1) * n + j`).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_ANALYSIS_AFFINE_H
#define TAD_ANALYSIS_AFFINE_H

#include "IR/IR.h"

#include <map>
#include <set>

namespace tad {

/// An integer expression as a signed sum of terms plus a constant.
struct AffineSum {
  std::vector<std::pair<int, ExprP>> Terms;
  long long Const = 0;
};

/// Adds Sign * E to A, splitting sums, differences and negations.
void flatten(const ExprP &E, int Sign, AffineSum &A);
/// Terms + C as an expression of type T, constants folded.
ExprP rebuild(const std::vector<std::pair<int, ExprP>> &Terms, long long C,
              const Type &T);
/// E + C, constants folded (`n - 1 + 1` is `n`).
ExprP offsetBy(const ExprP &E, long long C);
/// The same terms (with signs), in any order.
bool sameTerms(const std::vector<std::pair<int, ExprP>> &A,
               const std::vector<std::pair<int, ExprP>> &B);
/// E mentions a variable of Vs.
bool mentions(const ExprP &E, const std::set<const Var *> &Vs);

/// An integer polynomial: monomials (variables, sorted, repeated for
/// powers) with their coefficients.
using Monomial = std::vector<VarP>;
struct MonomialLess {
  bool operator()(const Monomial &A, const Monomial &B) const;
};
using Poly = std::map<Monomial, long long, MonomialLess>;

/// E as a polynomial in its integer variables; false for anything else
/// (division, calls, array elements, floating values).
bool expand(const ExprP &E, Poly &Out);
/// P's part of degree one in V, divided by V (the stride of V), and the
/// rest (false if V appears with a higher power).
bool splitBy(const Poly &P, const Var *V, Poly &Stride, Poly &Rest);
/// A - B.
Poly minus(Poly A, const Poly &B);
/// C * A.
Poly scaled(Poly A, long long C);
bool isConstant(const Poly &P, long long *Value = nullptr);
/// P as an expression of type T.
ExprP toExpr(const Poly &P, const Type &T);

} // namespace tad

#endif
