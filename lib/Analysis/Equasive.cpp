//===- Analysis/Equasive.cpp - steps of a stepwise-equasive program -------===//
#include "Analysis/Equasive.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"

#include <cstring>

namespace tad {

namespace {
void collectAssigned(const StmtList &L, std::map<const Var *, int> &N) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Assign))
      if (VarP R = rootVar(S->LHS))
        ++N[R.get()];
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectAssigned(*Sub, N);
  }
}
void collectIntDecls(const StmtList &L, FixedInts &Out) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Decl) && S->Init && S->V->Dims.empty() &&
        S->V->Ty.Kind == ScalarKind::Int && !S->V->Ty.IsPointer)
      Out[S->V.get()] = S->Init;
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectIntDecls(*Sub, Out);
  }
}

/// c0 + sum c_v v over integer variables.
struct Affine {
  std::map<const Var *, long long> C;
  long long K = 0;
};

bool affineOf(const ExprP &E, const FixedInts &Fixed, Affine &Out,
              long long Scale, unsigned Depth = 0) {
  if (!E || Depth > 32)
    return false;
  switch (E->K) {
  case Expr::Kind::Lit:
    if (E->Ty.isFloating())
      return false;
    Out.K += Scale * static_cast<long long>(E->Value);
    return true;
  case Expr::Kind::VarRef: {
    if (E->V->Ty.Kind != ScalarKind::Int || E->V->Ty.IsPointer)
      return false;
    auto It = Fixed.find(E->V.get());
    if (It != Fixed.end())
      return affineOf(It->second, Fixed, Out, Scale, Depth + 1);
    Out.C[E->V.get()] += Scale;
    return true;
  }
  case Expr::Kind::Cast:
    return !E->Ty.isFloating() && affineOf(E->op(0), Fixed, Out, Scale, Depth);
  case Expr::Kind::Unary:
    return E->UOp == UnOp::Neg && affineOf(E->op(0), Fixed, Out, -Scale, Depth);
  case Expr::Kind::Binary:
    switch (E->BOp) {
    case BinOp::Add:
      return affineOf(E->op(0), Fixed, Out, Scale, Depth) &&
             affineOf(E->op(1), Fixed, Out, Scale, Depth);
    case BinOp::Sub:
      return affineOf(E->op(0), Fixed, Out, Scale, Depth) &&
             affineOf(E->op(1), Fixed, Out, -Scale, Depth);
    case BinOp::Mul:
      for (int Side = 0; Side < 2; ++Side) {
        Affine Lit;
        if (affineOf(E->op(Side), Fixed, Lit, 1, Depth) && Lit.C.empty())
          return affineOf(E->op(1 - Side), Fixed, Out, Scale * Lit.K, Depth);
      }
      return false;
    default:
      return false;
    }
  default:
    return false;
  }
}

void addScaled(Affine &To, const Affine &X, long long K) {
  for (auto &[V, C] : X.C)
    To.C[V] += K * C;
  To.K += K * X.K;
}

bool isConstant(const Affine &A) {
  for (auto &[V, C] : A.C)
    if (C != 0)
      return false;
  return true;
}

/// Facts F >= 0 from a counted loop: for (int i = A; i < B; ++i) gives
/// i - A >= 0 and B - 1 - i >= 0 (and likewise <=, >, >=).
void loopFacts(const Stmt &S, const FixedInts &Fixed,
               std::vector<Affine> &Out) {
  if (S.ForInit.size() != 1 || S.ForInc.size() != 1 || !S.Cond)
    return;
  const Stmt &I = *S.ForInit[0], &Inc = *S.ForInc[0];
  // A step of 1, or a literal stride upwards (i += 2: its counter stays in
  // [A, B) all the same).
  double Stride = 0;
  if (!I.is(Stmt::Kind::Decl) || !I.Init || !Inc.is(Stmt::Kind::Assign) ||
      !Inc.LHS->is(Expr::Kind::VarRef) || Inc.LHS->V != I.V ||
      !Inc.RHS->is(Expr::Kind::Lit) || Inc.RHS->Ty.isFloating())
    return;
  Stride = Inc.RHS->Value;
  if (Stride != 1 && !(Inc.AOp == AssignOp::Add && Stride >= 1))
    return;
  const Expr &C = *S.Cond;
  if (!C.is(Expr::Kind::Binary) || !C.op(0)->is(Expr::Kind::VarRef) ||
      C.op(0)->V != I.V)
    return;
  bool Up = Inc.AOp == AssignOp::Add;
  if (!Up && Inc.AOp != AssignOp::Sub)
    return;
  Affine Ctr, Lo, Hi;
  Ctr.C[I.V.get()] = 1;
  if (!affineOf(I.Init, Fixed, Lo, 1) || !affineOf(C.op(1), Fixed, Hi, 1))
    return;
  // The counter and the bound's variables must not change in the body.
  std::map<const Var *, int> Assigned;
  collectAssigned(S.Body, Assigned);
  if (Assigned.count(I.V.get()))
    return;
  for (auto &[V, K] : Hi.C)
    if (K != 0 && Assigned.count(V))
      return;
  Affine F1, F2; // counter minus start, bound minus counter
  long long Strict;
  if (Up && (C.BOp == BinOp::Lt || C.BOp == BinOp::Le)) {
    addScaled(F1, Ctr, 1), addScaled(F1, Lo, -1);
    addScaled(F2, Hi, 1), addScaled(F2, Ctr, -1);
    Strict = C.BOp == BinOp::Lt;
  } else if (!Up && (C.BOp == BinOp::Gt || C.BOp == BinOp::Ge)) {
    addScaled(F1, Lo, 1), addScaled(F1, Ctr, -1);
    addScaled(F2, Ctr, 1), addScaled(F2, Hi, -1);
    Strict = C.BOp == BinOp::Gt;
  } else {
    return;
  }
  F2.K -= Strict;
  Out.push_back(F1);
  Out.push_back(F2);
}

/// Facts from the condition of an enclosing branch, E or (Holds false) its
/// negation, on integer affine forms: F >= 0 into Out, and the forms that
/// are not zero (a != b) into NonZero. Comparisons of other values give
/// nothing.
void guardFacts(const ExprP &E, bool Holds, const FixedInts &Fixed,
                std::vector<Affine> &Out, std::vector<Affine> &NonZero) {
  if (!E)
    return;
  if (E->is(Expr::Kind::Cast)) {
    guardFacts(E->op(0), Holds, Fixed, Out, NonZero);
    return;
  }
  if (E->is(Expr::Kind::Unary) && E->UOp == UnOp::Not) {
    guardFacts(E->op(0), !Holds, Fixed, Out, NonZero);
    return;
  }
  if (!E->is(Expr::Kind::Binary))
    return;
  BinOp Op = E->BOp;
  if ((Op == BinOp::LAnd && Holds) || (Op == BinOp::LOr && !Holds)) {
    guardFacts(E->op(0), Holds, Fixed, Out, NonZero);
    guardFacts(E->op(1), Holds, Fixed, Out, NonZero);
    return;
  }
  if (!isComparison(Op))
    return;
  if (!Holds)
    Op = Op == BinOp::Lt   ? BinOp::Ge
         : Op == BinOp::Le ? BinOp::Gt
         : Op == BinOp::Gt ? BinOp::Le
         : Op == BinOp::Ge ? BinOp::Lt
         : Op == BinOp::Eq ? BinOp::Ne
                           : BinOp::Eq;
  Affine D; // left - right
  if (!affineOf(E->op(0), Fixed, D, 1) || !affineOf(E->op(1), Fixed, D, -1))
    return;
  Affine N;
  addScaled(N, D, -1);
  switch (Op) {
  case BinOp::Lt: // right - left - 1 >= 0
    N.K -= 1;
    Out.push_back(N);
    break;
  case BinOp::Le:
    Out.push_back(N);
    break;
  case BinOp::Gt:
    D.K -= 1;
    Out.push_back(D);
    break;
  case BinOp::Ge:
    Out.push_back(D);
    break;
  case BinOp::Eq:
    Out.push_back(D);
    Out.push_back(N);
    break;
  default: // Ne
    NonZero.push_back(D);
    break;
  }
}

/// Whether D is a non-zero multiple of G (then D != 0 where G != 0).
bool multipleOf(const Affine &D, const Affine &G) {
  // D = (P / Q) G with Q the first non-zero coefficient (or constant) of G.
  long long P = 0, Q = 0;
  auto Coef = [](const Affine &A, const Var *V) {
    auto It = A.C.find(V);
    return It == A.C.end() ? 0LL : It->second;
  };
  std::vector<std::pair<long long, long long>> Pairs{{D.K, G.K}};
  for (auto &[V, C] : D.C)
    Pairs.push_back({C, Coef(G, V)});
  for (auto &[V, C] : G.C)
    Pairs.push_back({Coef(D, V), C});
  for (auto &[X, Y] : Pairs)
    if (Y != 0) {
      P = X, Q = Y;
      break;
    }
  if (Q == 0 || P == 0)
    return false;
  for (auto &[X, Y] : Pairs)
    if (X * Q != Y * P)
      return false;
  return true;
}

/// D >= 1 as a non-negative combination of the facts plus a constant >= 1.
bool provablyPositive(const Affine &D, const std::vector<Affine> &Facts,
                      size_t From = 0) {
  if (isConstant(D))
    return D.K >= 1;
  for (size_t F = From; F < Facts.size() && F < 8; ++F)
    for (long long K = 1; K <= 2; ++K) {
      Affine R = D;
      addScaled(R, Facts[F], -K);
      if (provablyPositive(R, Facts, F + 1))
        return true;
    }
  return false;
}

/// Variables that differ from run to run of the same index expression are
/// fine: both indices are evaluated at the same point, so a common
/// variable cancels.
Overlap compareIndices(const ExprP &A, const ExprP &B, const FixedInts &F,
                       const std::vector<const Stmt *> &Loops) {
  if (sameExpr(A, B))
    return Overlap::Same;
  Affine FA, FB;
  if (!affineOf(A, F, FA, 1) || !affineOf(B, F, FB, -1))
    return Overlap::Unknown;
  addScaled(FA, FB, 1);
  if (isConstant(FA))
    return FA.K == 0 ? Overlap::Same : Overlap::Distinct;
  std::vector<Affine> Facts, NonZero;
  for (const Stmt *L : Loops) {
    if (L->is(Stmt::Kind::For))
      loopFacts(*L, F, Facts);
    else if (L->is(Stmt::Kind::If))
      guardFacts(L->Cond, true, F, Facts, NonZero);
  }
  for (const Affine &G : NonZero)
    if (multipleOf(FA, G))
      return Overlap::Distinct;
  Affine Neg;
  addScaled(Neg, FA, -1);
  return provablyPositive(FA, Facts) || provablyPositive(Neg, Facts)
             ? Overlap::Distinct
             : Overlap::Unknown;
}

bool isLinear(const ExprP &E) {
  bool Found = false;
  forEachVar(E, [&](const VarP &V) { Found |= V->IsTangent; });
  return Found;
}

bool isLocation(const ExprP &E) {
  return E->is(Expr::Kind::VarRef) || E->is(Expr::Kind::Index) ||
         (E->is(Expr::Kind::Unary) && E->UOp == UnOp::Deref);
}

void addTerm(std::vector<LinearTerm> &Out, const ExprP &At, ExprP Coef) {
  if (!Coef)
    return;
  for (LinearTerm &T : Out)
    if (sameExpr(T.At, At)) {
      T.Coef = add(T.Coef, Coef);
      return;
    }
  Out.push_back({At, std::move(Coef)});
}

/// Scale * E's terms (Scale null: 1).
bool terms(const ExprP &E, const ExprP &Scale, std::vector<LinearTerm> &Out) {
  if (!E || !isLinear(E))
    return true; // no tangent: contributes nothing
  auto Times = [&](ExprP C) { return Scale ? mul(C, Scale) : C; };
  if (isLocation(E)) {
    addTerm(Out, E, Scale ? Scale : lit(1, E->Ty));
    return true;
  }
  switch (E->K) {
  case Expr::Kind::Unary:
    if (E->UOp == UnOp::Neg)
      return terms(E->op(0), Scale ? neg(Scale) : lit(-1, E->Ty), Out);
    return false;
  case Expr::Kind::Cast:
    return terms(E->op(0), Scale, Out);
  case Expr::Kind::Binary: {
    const ExprP &L = E->op(0), &R = E->op(1);
    switch (E->BOp) {
    case BinOp::Add:
      return terms(L, Scale, Out) && terms(R, Scale, Out);
    case BinOp::Sub:
      return terms(L, Scale, Out) &&
             terms(R, Scale ? neg(Scale) : lit(-1, E->Ty), Out);
    case BinOp::Mul:
      if (isLinear(L) && isLinear(R))
        return false;
      return isLinear(L) ? terms(L, Times(R), Out) : terms(R, Times(L), Out);
    case BinOp::Div:
      if (isLinear(R))
        return false;
      return terms(L, div(Scale ? Scale : lit(1, E->Ty), R), Out);
    default:
      return false;
    }
  }
  case Expr::Kind::Select: {
    std::vector<LinearTerm> T, F;
    if (!terms(E->op(1), nullptr, T) || !terms(E->op(2), nullptr, F))
      return false;
    std::vector<ExprP> Keys;
    for (auto *L : {&T, &F})
      for (LinearTerm &X : *L) {
        bool Seen = false;
        for (const ExprP &K : Keys)
          Seen |= sameExpr(K, X.At);
        if (!Seen)
          Keys.push_back(X.At);
      }
    auto Find = [](std::vector<LinearTerm> &L, const ExprP &K) -> ExprP {
      for (LinearTerm &X : L)
        if (sameExpr(X.At, K))
          return X.Coef;
      return nullptr;
    };
    for (const ExprP &K : Keys)
      addTerm(Out, K, Times(select(E->op(0), Find(T, K), Find(F, K), E->Ty)));
    return true;
  }
  default:
    return false;
  }
}
} // namespace

const Stmt *branchGuard(const Stmt &If, bool Else, std::deque<StmtP> &Store) {
  if (!If.is(Stmt::Kind::If) || !If.Cond)
    return nullptr;
  // The condition's variables keep their values through the arm.
  std::map<const Var *, int> Assigned;
  collectAssigned(Else ? If.Else : If.Body, Assigned);
  bool Clean = true;
  forEachVar(If.Cond,
             [&](const VarP &V) { Clean &= !Assigned.count(V.get()); });
  if (!Clean)
    return nullptr;
  if (!Else)
    return &If;
  StmtP G = mkStmt(Stmt::Kind::If, If.Loc);
  G->Cond = mkUnary(UnOp::Not, If.Cond, Type::scalar(ScalarKind::Bool));
  Store.push_back(std::move(G));
  return Store.back().get();
}

FixedInts collectFixedInts(const StmtList &Body) {
  std::map<const Var *, int> Assigned;
  collectAssigned(Body, Assigned);
  FixedInts All, Out;
  collectIntDecls(Body, All);
  for (auto &[V, Init] : All)
    if (!Assigned.count(V))
      Out[V] = Init;
  return Out;
}

Overlap overlap(const ExprP &A, const ExprP &B, const FixedInts &Fixed,
                const std::vector<const Stmt *> &Loops) {
  VarP RA = rootVar(A), RB = rootVar(B);
  if (!RA || !RB)
    return Overlap::Unknown;
  // Different variables: locals, or arrays passed to the function, which
  // do not overlap, as reverse mode assumes (README: aliasing; an array
  // read through a pointer to const is a constant of the map, which the
  // state must not alias either). Local pointers into the parameters are
  // rewritten as offsets from them before (Prepare/Inline).
  if (RA != RB)
    return Overlap::Distinct;
  bool IA = A->is(Expr::Kind::Index), IB = B->is(Expr::Kind::Index);
  if (IA && IB)
    return compareIndices(A->op(1), B->op(1), Fixed, Loops);
  if (!IA && !IB)
    return Overlap::Same;
  // *p against p[i]: *p is p[0].
  const ExprP &Idx = IA ? A->op(1) : B->op(1);
  return compareIndices(Idx, lit(0, Type::integer("int")), Fixed, Loops);
}

bool linearTerms(const ExprP &L, std::vector<LinearTerm> &Out) {
  return terms(L, nullptr, Out);
}

bool stepForm(const Stmt &S, StepForm &Out) {
  if (!S.is(Stmt::Kind::Assign))
    return false;
  Out = StepForm();
  Out.Self = S.LHS;
  const Type &T = S.LHS->Ty;
  if (S.AOp == AssignOp::Mul || S.AOp == AssignOp::Div) {
    if (isLinear(S.RHS))
      return false;
    Out.Pivot = S.AOp == AssignOp::Mul ? S.RHS : div(lit(1, T), S.RHS);
    if (isLitValue(Out.Pivot, 0))
      Out.Pivot = nullptr;
    return true;
  }
  if (S.AOp != AssignOp::Set && S.AOp != AssignOp::Add &&
      S.AOp != AssignOp::Sub)
    return false;
  std::vector<LinearTerm> Ts;
  if (!linearTerms(S.RHS, Ts))
    return false;
  ExprP SelfCoef;
  for (LinearTerm &X : Ts) {
    if (sameExpr(X.At, S.LHS)) {
      SelfCoef = X.Coef;
      continue;
    }
    Out.Others.push_back({X.At, S.AOp == AssignOp::Sub ? neg(X.Coef) : X.Coef});
  }
  switch (S.AOp) {
  case AssignOp::Set:
    Out.Pivot = SelfCoef;
    break;
  case AssignOp::Add:
    Out.Pivot = add(lit(1, T), SelfCoef);
    break;
  default:
    Out.Pivot = sub(lit(1, T), SelfCoef);
    break;
  }
  if (Out.Pivot && isLitValue(Out.Pivot, 0))
    Out.Pivot = nullptr;
  return true;
}

bool structurallyNonZero(const ExprP &E,
                         const std::map<const Var *, ExprP> &Defs) {
  if (!E)
    return false;
  switch (E->K) {
  case Expr::Kind::Lit:
    return E->Value != 0;
  case Expr::Kind::VarRef: {
    auto It = Defs.find(E->V.get());
    return It != Defs.end() && structurallyNonZero(It->second, Defs);
  }
  case Expr::Kind::Cast:
    return structurallyNonZero(E->op(0), Defs);
  case Expr::Kind::Unary:
    return E->UOp == UnOp::Neg && structurallyNonZero(E->op(0), Defs);
  case Expr::Kind::Binary:
    if (E->BOp == BinOp::Div) // a finite quotient of a non-zero dividend
      return structurallyNonZero(E->op(0), Defs);
    return E->BOp == BinOp::Mul && structurallyNonZero(E->op(0), Defs) &&
           structurallyNonZero(E->op(1), Defs);
  case Expr::Kind::Select: // both arms non-zero (a leaky ReLU's 1 and a)
    return structurallyNonZero(E->op(1), Defs) &&
           structurallyNonZero(E->op(2), Defs);
  case Expr::Kind::Call:
    if (E->Builtin >= 0) {
      const char *N = primitive(E->Builtin).Name;
      return !std::strcmp(N, "exp") || !std::strcmp(N, "exp2") ||
             !std::strcmp(N, "cosh");
    }
    return false;
  default:
    return false;
  }
}

bool readsVar(const ExprP &E, const Var *V) {
  bool Found = false;
  forEachVar(E, [&](const VarP &X) { Found |= X.get() == V; });
  return Found;
}

std::string stmtText(const Stmt &S) {
  if (S.is(Stmt::Kind::Assign))
    return emitExpr(S.LHS) + " " + spelling(S.AOp) + " " + emitExpr(S.RHS) +
           ";";
  if (S.is(Stmt::Kind::Decl))
    return S.V->Name + (S.Init ? " = " + emitExpr(S.Init) : "") + ";";
  return "statement";
}

} // namespace tad
