//===- Transforms/Reverse/TapeReserve.cpp - tape reservations ------------===//
#include "Transforms/Reverse/TapeReserve.h"
#include "Analysis/Loops.h"
#include "Rules/ExprBuilder.h"

#include <set>

namespace tad {

namespace {

const Type LL = Type::integer("long long");

/// Variables S declares or assigns (loop counters included): the values
/// that may change while S runs.
void collectChanging(const Stmt &S, std::set<const Var *> &Out) {
  if (S.is(Stmt::Kind::Decl))
    Out.insert(S.V.get());
  if (S.is(Stmt::Kind::Assign))
    if (VarP R = rootVar(S.LHS))
      Out.insert(R.get());
  for (const StmtList *L : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *L)
      collectChanging(*C, Out);
}

class Reserver {
  std::string Tape, Push;

  bool isPush(const Stmt &S) const {
    return S.is(Stmt::Kind::ExprStmt) && S.Value->isUserCall() &&
           S.Value->Callee.rfind(Push, 0) == 0;
  }

  /// Whether E reads nothing in Changing and calls no user function: it
  /// has the same value before the loop as wherever the loop reads it.
  static bool invariant(const ExprP &E, const std::set<const Var *> &Changing) {
    if (E->isUserCall())
      return false;
    if (E->is(Expr::Kind::VarRef))
      return !Changing.count(E->V.get());
    for (const ExprP &O : E->Ops)
      if (!invariant(O, Changing))
        return false;
    return true;
  }

  /// The trip count of the canonical loop F (see isCanonicalFor()), or null
  /// if it is not one or its bounds read something in Changing.
  static ExprP tripCount(const Stmt &F, const std::set<const Var *> &Changing) {
    if (!F.is(Stmt::Kind::For) || !isCanonicalFor(F))
      return nullptr;
    const ExprP &A = F.ForInit[0]->Init, &B = F.Cond->op(1);
    if (!invariant(A, Changing) || !invariant(B, Changing))
      return nullptr;
    BinOp Op = F.Cond->BOp;
    bool Up = Op == BinOp::Lt || Op == BinOp::Le;
    ExprP Lo = Up ? A : B, Hi = Up ? B : A;
    if (Op == BinOp::Le || Op == BinOp::Ge) // inclusive: one more
      Hi = mkBinary(BinOp::Add, mkCast(LL, Hi), lit(1, LL), LL);
    return mkUserCall("tad::trips", nullptr, {Lo, Hi}, LL);
  }

  /// Adds an upper bound of the bytes the statements of L push (8 per
  /// push, both arms of a branch), valid before a loop that changes
  /// Changing, to Direct (a constant) and Nested (loops). A loop whose trip
  /// count is not known there is left out and reserves for itself, and so
  /// do the loops inside a while loop.
  void addBytes(StmtList &L, const std::set<const Var *> &Changing,
                long long &Direct, ExprP &Nested) {
    for (size_t K = 0; K < L.size(); ++K) {
      Stmt &S = *L[K];
      switch (S.K) {
      case Stmt::Kind::ExprStmt:
        if (isPush(S))
          Direct += 8;
        break;
      case Stmt::Kind::If:
      case Stmt::Kind::Block:
        addBytes(S.Body, Changing, Direct, Nested);
        addBytes(S.Else, Changing, Direct, Nested);
        break;
      case Stmt::Kind::For: {
        ExprP N = tripCount(S, Changing);
        if (!N) {
          K = reserve(L, K);
          break;
        }
        ExprP Bytes = loopBytes(S, N, Changing);
        if (Bytes)
          Nested = Nested ? mkBinary(BinOp::Add, Nested, Bytes, LL) : Bytes;
        break;
      }
      case Stmt::Kind::While:
      case Stmt::Kind::DoWhile:
        inside(S.Body);
        break;
      default:
        break;
      }
    }
  }

  /// N times what an iteration of the loop F pushes; null if nothing.
  ExprP loopBytes(Stmt &F, const ExprP &N,
                  const std::set<const Var *> &Changing) {
    long long Direct = 0;
    ExprP Nested;
    addBytes(F.Body, Changing, Direct, Nested);
    if (!Direct && !Nested)
      return nullptr;
    ExprP PerIter = lit(double(Direct), LL);
    if (Nested)
      PerIter = Direct ? mkBinary(BinOp::Add, Nested, PerIter, LL) : Nested;
    return mkBinary(BinOp::Mul, N, PerIter, LL);
  }

public:
  explicit Reserver(const VarP &T) : Tape(T->Name), Push(T->Name + ".push<") {}

  /// Reservations for the loops of L, each for itself.
  void inside(StmtList &L) {
    for (size_t K = 0; K < L.size(); ++K) {
      Stmt &S = *L[K];
      if (S.is(Stmt::Kind::For)) {
        K = reserve(L, K);
        continue;
      }
      inside(S.Body);
      inside(S.Else);
    }
  }

  /// Before the loop L[K], a reservation for what it pushes when its trip
  /// count is known at its entry (the loops inside it that it cannot count
  /// reserve for themselves); returns the loop's index.
  size_t reserve(StmtList &L, size_t K) {
    Stmt &F = *L[K];
    std::set<const Var *> Changing;
    collectChanging(F, Changing);
    ExprP N = tripCount(F, Changing);
    if (!N) {
      inside(F.Body);
      return K;
    }
    ExprP Bytes = loopBytes(F, N, Changing);
    if (!Bytes)
      return K;
    L.insert(L.begin() + K,
             mkExprStmt(mkUserCall(Tape + ".reserve", nullptr, {Bytes},
                                   Type::scalar(ScalarKind::Void))));
    return K + 1;
  }
};

} // namespace

size_t reserveTape(StmtList &L, size_t K, const VarP &Tape) {
  if (!Tape)
    return K;
  Reserver R(Tape);
  if (L[K]->is(Stmt::Kind::For))
    return R.reserve(L, K);
  // A while loop (or a block holding one): the loops inside it.
  R.inside(L[K]->Body);
  R.inside(L[K]->Else);
  return K;
}

} // namespace tad
