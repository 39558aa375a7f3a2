//===- Frontend/Overlap.cpp - disjoint pointers into one array ------------===//
//
// The proof of Overlap.h, on the Clang AST: integer polynomials over
// declarations, the ranges of canonical loop counters, the elements a
// function reaches through a pointer parameter, and the offsets of the
// call's arguments.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Overlap.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

#include <map>
#include <optional>
#include <vector>

using namespace clang;

namespace tad {
namespace {

/// An integer polynomial: monomials (declarations, sorted, repeated for
/// powers) with their coefficients; the empty monomial is the constant.
using Monomial = std::vector<const ValueDecl *>;
using Poly = std::map<Monomial, long long>;

void addInto(Poly &A, const Poly &B, long long Sign) {
  for (const auto &[M, C] : B)
    if ((A[M] += Sign * C) == 0)
      A.erase(M);
}

Poly plus(Poly A, const Poly &B, long long Sign = 1) {
  addInto(A, B, Sign);
  return A;
}

Poly times(const Poly &A, const Poly &B) {
  Poly R;
  for (const auto &[MA, CA] : A)
    for (const auto &[MB, CB] : B) {
      Monomial M = MA;
      M.insert(M.end(), MB.begin(), MB.end());
      std::sort(M.begin(), M.end());
      addInto(R, Poly{{M, CA * CB}}, 1);
    }
  return R;
}

Poly constant(long long C) { return C ? Poly{{Monomial{}, C}} : Poly{}; }

std::optional<long long> constantOf(const Poly &P) {
  if (P.empty())
    return 0;
  if (P.size() == 1 && P.begin()->first.empty())
    return P.begin()->second;
  return std::nullopt;
}

/// E as a polynomial in the integer variables it names.
bool polyOf(ASTContext &Ctx, const Expr *E, Poly &Out) {
  E = E->IgnoreParens();
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E))
    return polyOf(Ctx, DA->getExpr(), Out);
  if (!E->isValueDependent() && E->getType()->isIntegerType()) {
    Expr::EvalResult R;
    if (E->EvaluateAsInt(R, Ctx) && R.Val.getInt().getSignificantBits() < 48) {
      Out = constant(R.Val.getInt().getExtValue());
      return true;
    }
  }
  if (const auto *C = dyn_cast<CastExpr>(E)) {
    if (!C->getType()->isIntegerType() ||
        !C->getSubExpr()->getType()->isIntegerType())
      return false;
    return polyOf(Ctx, C->getSubExpr(), Out);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->getType()->isIntegerType() ||
        VD->getType()->isReferenceType())
      return false;
    Out = Poly{{Monomial{VD}, 1}};
    return true;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    Poly A;
    if ((UO->getOpcode() != UO_Minus && UO->getOpcode() != UO_Plus) ||
        !polyOf(Ctx, UO->getSubExpr(), A))
      return false;
    Out = UO->getOpcode() == UO_Minus ? plus(Poly{}, A, -1) : A;
    return true;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    Poly A, B;
    if (!polyOf(Ctx, BO->getLHS(), A) || !polyOf(Ctx, BO->getRHS(), B))
      return false;
    switch (BO->getOpcode()) {
    case BO_Add:
      Out = plus(A, B);
      return true;
    case BO_Sub:
      Out = plus(A, B, -1);
      return true;
    case BO_Mul:
      Out = times(A, B);
      return true;
    default:
      return false;
    }
  }
  return false;
}

/// P with each declaration replaced by its polynomial in Binding; false if
/// one has none.
bool substitute(const Poly &P, const std::map<const ValueDecl *, Poly> &Binding,
                Poly &Out) {
  Out.clear();
  for (const auto &[M, C] : P) {
    Poly Term = constant(C);
    for (const ValueDecl *D : M) {
      auto It = Binding.find(D);
      if (It == Binding.end())
        return false;
      Term = times(Term, It->second);
    }
    addInto(Out, Term, 1);
  }
  return true;
}

/// The lowest and highest element reached, inclusive.
struct Range {
  Poly Lo, Hi;
};

/// The elements a function reaches through its pointer parameters.
class Extents {
  ASTContext &Ctx;
  const FunctionDecl *FD;
  std::map<const Stmt *, const Stmt *> Parents;
  std::vector<const DeclRefExpr *> Refs;
  std::vector<const ForStmt *> Fors;
  std::vector<const ArraySubscriptExpr *> Subscripts;
  bool Opaque = false; // a lambda: its uses are not followed
  /// The counters of canonical loops, with their ranges.
  std::map<const VarDecl *, std::pair<const ForStmt *, Range>> Counters;

  void walk(const Stmt *S, const Stmt *Parent) {
    if (!S)
      return;
    Parents[S] = Parent;
    if (isa<LambdaExpr>(S))
      Opaque = true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      Refs.push_back(DRE);
    if (const auto *F = dyn_cast<ForStmt>(S))
      Fors.push_back(F);
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(S))
      Subscripts.push_back(A);
    for (const Stmt *C : S->children())
      walk(C, S);
  }

  const Stmt *parent(const Stmt *S) const {
    auto It = Parents.find(S);
    return It == Parents.end() ? nullptr : It->second;
  }

  bool inside(const Stmt *S, const Stmt *Root) const {
    for (; S; S = parent(S))
      if (S == Root)
        return true;
    return false;
  }

  /// Every use of D reads its value (or, for a counter, lies in Allowed:
  /// its loop's increment).
  bool onlyRead(const ValueDecl *D, const Stmt *Allowed = nullptr) const {
    for (const DeclRefExpr *R : Refs) {
      if (R->getDecl() != D)
        continue;
      const Stmt *P = parent(R);
      while (P && isa<ParenExpr>(P))
        P = parent(P);
      const auto *ICE = dyn_cast_or_null<ImplicitCastExpr>(P);
      if (ICE && ICE->getCastKind() == CK_LValueToRValue)
        continue;
      if (Allowed && inside(R, Allowed))
        continue;
      return false;
    }
    return true;
  }

  static const VarDecl *refTo(const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  }

  /// P mentions only parameters of FD that the body never writes.
  bool inParameters(const Poly &P) const {
    for (const auto &Term : P)
      for (const ValueDecl *D : Term.first) {
        const auto *PD = dyn_cast<ParmVarDecl>(D);
        if (!PD || PD->getDeclContext() != FD || !onlyRead(PD))
          return false;
      }
    return true;
  }

  /// `for (int j = A; j < B; j += c)` (also `<=`, `B > j`, `++j`, c >= 1),
  /// A and B in the parameters, j written only by its increment.
  void addCounter(const ForStmt *F) {
    const auto *DS = dyn_cast_or_null<DeclStmt>(F->getInit());
    if (!DS || !DS->isSingleDecl())
      return;
    const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (!V || !V->getType()->isIntegerType() || !V->getInit())
      return;
    Range R;
    if (!polyOf(Ctx, V->getInit(), R.Lo) || !inParameters(R.Lo))
      return;
    const auto *Cond = dyn_cast_or_null<BinaryOperator>(F->getCond());
    if (!Cond)
      return;
    const Expr *Bound = nullptr;
    long long Inclusive = 0;
    BinaryOperatorKind Op = Cond->getOpcode();
    if (refTo(Cond->getLHS()) == V && (Op == BO_LT || Op == BO_LE)) {
      Bound = Cond->getRHS();
      Inclusive = Op == BO_LE;
    } else if (refTo(Cond->getRHS()) == V && (Op == BO_GT || Op == BO_GE)) {
      Bound = Cond->getLHS();
      Inclusive = Op == BO_GE;
    }
    if (!Bound || !polyOf(Ctx, Bound, R.Hi) || !inParameters(R.Hi))
      return;
    R.Hi = plus(R.Hi, constant(Inclusive - 1));
    const Expr *Inc = F->getInc() ? F->getInc()->IgnoreParens() : nullptr;
    bool Counts = false;
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Inc))
      Counts = UO->isIncrementOp() && refTo(UO->getSubExpr()) == V;
    if (const auto *CA = dyn_cast_or_null<CompoundAssignOperator>(Inc)) {
      Poly Step;
      std::optional<long long> C;
      Counts = CA->getOpcode() == BO_AddAssign && refTo(CA->getLHS()) == V &&
               polyOf(Ctx, CA->getRHS(), Step) && (C = constantOf(Step)) &&
               *C >= 1;
    }
    if (Counts && onlyRead(V, F->getInc()))
      Counters[V] = {F, R};
  }

public:
  Extents(ASTContext &Ctx, const FunctionDecl *FD) : Ctx(Ctx), FD(FD) {
    walk(FD->getBody(), nullptr);
    for (const ForStmt *F : Fors)
      addCounter(F);
  }

  /// The elements reached through P, or nothing where that is not known.
  std::optional<Range> of(const ParmVarDecl *P) const {
    if (Opaque || !FD->getBody())
      return std::nullopt;
    size_t Uses = 0;
    for (const DeclRefExpr *R : Refs)
      Uses += R->getDecl() == P;
    std::optional<Range> All;
    size_t Indexed = 0;
    for (const ArraySubscriptExpr *A : Subscripts) {
      if (refTo(A->getBase()) != P)
        continue;
      ++Indexed;
      Poly E;
      if (!polyOf(Ctx, A->getIdx(), E))
        return std::nullopt;
      // E = Base + sum of c * counter, each counter over its range.
      Range R;
      for (const auto &[M, C] : E) {
        auto It = M.size() == 1 ? Counters.find(dyn_cast<VarDecl>(M[0]))
                                : Counters.end();
        if (It == Counters.end()) {
          Poly Term{{M, C}};
          if (!inParameters(Term))
            return std::nullopt;
          addInto(R.Lo, Term, 1);
          addInto(R.Hi, Term, 1);
          continue;
        }
        const Range &CR = It->second.second;
        addInto(R.Lo, C > 0 ? CR.Lo : CR.Hi, C);
        addInto(R.Hi, C > 0 ? CR.Hi : CR.Lo, C);
      }
      if (!All) {
        All = R;
        continue;
      }
      // The lower of two lows (and higher of two highs) where they differ
      // by a constant.
      std::optional<long long> DLo = constantOf(plus(R.Lo, All->Lo, -1));
      std::optional<long long> DHi = constantOf(plus(R.Hi, All->Hi, -1));
      if (!DLo || !DHi)
        return std::nullopt;
      if (*DLo < 0)
        All->Lo = R.Lo;
      if (*DHi > 0)
        All->Hi = R.Hi;
    }
    if (Indexed != Uses || !All)
      return std::nullopt;
    return All;
  }
};

/// The argument's offset from the array it points into, and that array's
/// declaration: `&a[e]`, `a + e`, `e + a`, `a - e`, `v.data() + e`.
bool offsetOf(ASTContext &Ctx, const Expr *E, Poly &Off,
              const ValueDecl *&Root) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    const auto *A =
        dyn_cast<ArraySubscriptExpr>(UO->getSubExpr()->IgnoreParens());
    Poly I;
    if (UO->getOpcode() != UO_AddrOf || !A ||
        !offsetOf(Ctx, A->getBase(), Off, Root) || !polyOf(Ctx, A->getIdx(), I))
      return false;
    addInto(Off, I, 1);
    return true;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    bool LeftPointer = BO->getLHS()->getType()->isPointerType();
    const Expr *Base = LeftPointer ? BO->getLHS() : BO->getRHS();
    const Expr *Step = LeftPointer ? BO->getRHS() : BO->getLHS();
    Poly S;
    if ((BO->getOpcode() != BO_Add &&
         !(BO->getOpcode() == BO_Sub && LeftPointer)) ||
        !offsetOf(Ctx, Base, Off, Root) || !polyOf(Ctx, Step, S))
      return false;
    addInto(Off, S, BO->getOpcode() == BO_Sub ? -1 : 1);
    return true;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const auto *MD = MC->getMethodDecl();
    if (!MD || MD->getNameAsString() != "data" || MC->getNumArgs() != 0)
      return false;
    return offsetOf(Ctx, MC->getImplicitObjectArgument(), Off, Root);
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  // A local pointer may point anywhere into its array: not a root.
  if (!VD || (VD->getType()->isPointerType() && !isa<ParmVarDecl>(VD)))
    return false;
  Off.clear();
  Root = VD;
  return true;
}

} // namespace

bool provablyDisjoint(ASTContext &Ctx, const FunctionDecl *FD,
                      llvm::ArrayRef<const Expr *> Args, unsigned I,
                      unsigned J) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || I >= Args.size() || J >= Args.size() ||
      I >= Def->getNumParams() || J >= Def->getNumParams())
    return false;
  Extents X(Ctx, Def);
  std::optional<Range> RI = X.of(Def->getParamDecl(I));
  std::optional<Range> RJ = X.of(Def->getParamDecl(J));
  Poly OI, OJ;
  const ValueDecl *RootI = nullptr, *RootJ = nullptr;
  if (!RI || !RJ || !offsetOf(Ctx, Args[I], OI, RootI) ||
      !offsetOf(Ctx, Args[J], OJ, RootJ) || RootI != RootJ)
    return false;
  // The callee's parameters bound to the call's arguments.
  std::map<const ValueDecl *, Poly> Binding;
  for (unsigned K = 0; K < Def->getNumParams() && K < Args.size(); ++K) {
    Poly A;
    if (polyOf(Ctx, Args[K], A))
      Binding[Def->getParamDecl(K)] = A;
  }
  Range BI, BJ;
  if (!substitute(RI->Lo, Binding, BI.Lo) ||
      !substitute(RI->Hi, Binding, BI.Hi) ||
      !substitute(RJ->Lo, Binding, BJ.Lo) ||
      !substitute(RJ->Hi, Binding, BJ.Hi))
    return false;
  auto Apart = [](const Poly &Gap) {
    std::optional<long long> C = constantOf(Gap);
    return C && *C >= 1;
  };
  // J's lowest element after I's highest, or I's lowest after J's highest.
  return Apart(plus(plus(OJ, BJ.Lo), plus(OI, BI.Hi), -1)) ||
         Apart(plus(plus(OI, BI.Lo), plus(OJ, BJ.Hi), -1));
}

} // namespace tad
