//===- Analysis/Barriers.cpp - CUDA barriers in reverse mode --------------===//
#include "Analysis/Barriers.h"

#include <map>
#include <set>

namespace tad {

namespace {

bool isBarrierName(const std::string &N) {
  return N == "__syncthreads" || N == "__syncwarp";
}

/// Which values may differ between the threads of a block: a flow- and
/// path-insensitive fixed point over the function, seeded by threadIdx.
/// Where a value became divergent is kept for the notes.
class Divergence {
  /// Where each divergent variable became so, and in which order (the
  /// first ones are the causes of the later ones).
  std::map<const Var *, std::pair<SrcLoc, size_t>> Divergent;
  bool Changed = false;

  void mark(const VarP &V, SrcLoc Why) {
    if (V && Divergent.emplace(V.get(), std::make_pair(Why, Divergent.size()))
                 .second)
      Changed = true;
  }

  void list(const StmtList &L, bool Uniform) {
    for (const StmtP &S : L)
      stmt(*S, Uniform);
  }

  void stmt(const Stmt &S, bool Uniform) {
    switch (S.K) {
    case Stmt::Kind::Decl: {
      bool U = Uniform && (!S.Init || uniform(S.Init));
      for (const ExprP &E : S.InitList)
        U = U && uniform(E);
      if (!U)
        mark(S.V, S.Loc);
      return;
    }
    case Stmt::Kind::Assign:
      if (!Uniform || !uniform(S.RHS) || !uniform(S.LHS))
        mark(rootVar(S.LHS), S.Loc);
      return;
    case Stmt::Kind::If:
      list(S.Body, Uniform && uniform(S.Cond));
      list(S.Else, Uniform && uniform(S.Cond));
      return;
    case Stmt::Kind::For: {
      list(S.ForInit, Uniform);
      bool U = Uniform && (!S.Cond || uniform(S.Cond));
      list(S.Body, U);
      list(S.ForInc, U);
      return;
    }
    case Stmt::Kind::While:
    case Stmt::Kind::DoWhile:
      list(S.Body, Uniform && uniform(S.Cond));
      return;
    case Stmt::Kind::Block:
      list(S.Body, Uniform);
      return;
    default:
      return;
    }
  }

  /// Whether E reads threadIdx, memory other threads may write or a user
  /// call; else sets Var to the first divergent variable it reads, if any.
  bool direct(const ExprP &E, VarP &Var) const {
    if (!E)
      return false;
    switch (E->K) {
    case Expr::Kind::VarRef:
      if (E->V->Name.rfind("threadIdx.", 0) == 0)
        return true;
      if (Divergent.count(E->V.get()) &&
          (!Var ||
           Divergent.at(E->V.get()).second < Divergent.at(Var.get()).second))
        Var = E->V;
      return false;
    case Expr::Kind::Index: {
      VarP A = rootVar(E->op(0));
      if (A && A->Ty.IsPointer && !A->Ty.PointeeConst)
        return true; // memory other threads may write
      // An element of a __shared__ array at the same index in every
      // thread is the same value in every thread, whoever wrote it: the
      // threads read it between the same two barriers, and no thread
      // writes it there (tad assumes the kernel free of races).
      if (A && A->Shared && E->op(0)->is(Expr::Kind::VarRef))
        return direct(E->op(1), Var);
      break;
    }
    case Expr::Kind::Call:
      if (E->isUserCall())
        return true;
      break;
    default:
      break;
    }
    bool Found = false;
    for (const ExprP &O : E->Ops)
      Found |= direct(O, Var);
    return Found;
  }

public:
  explicit Divergence(const Function &F) {
    do {
      Changed = false;
      list(F.Body, true);
    } while (Changed);
  }

  /// The same value in every thread of a block: no threadIdx, no divergent
  /// variable, no call of a user function, and array elements only of
  /// const arrays (nothing writes them while the kernel runs), of local
  /// arrays written uniformly and of __shared__ arrays at a uniform index.
  bool uniform(const ExprP &E) const { return !why(E).first; }

  /// Whether E may diverge, and the variable that makes it (null when E
  /// reads threadIdx, memory or a call itself: those come first).
  std::pair<bool, VarP> why(const ExprP &E) const {
    VarP Var;
    bool Direct = direct(E, Var);
    return {Direct || Var, Direct ? nullptr : Var};
  }

  SrcLoc origin(const Var *V) const {
    auto It = Divergent.find(V);
    return It == Divergent.end() ? SrcLoc() : It->second.first;
  }
};

class Checker {
  const Divergence &D;
  const std::string &Mode;
  DiagSink &Diags;
  /// The innermost enclosing statement whose condition may diverge.
  const Stmt *Diverging = nullptr;
  ExprP DivergingCond;
  /// The statement whose expressions valueBarrier walks.
  const Stmt *CurrentStmt = nullptr;
  bool Ok = true;

  void barrier(const Stmt &S) {
    Ok = false;
    Diags.error(S.Loc, Mode + " cannot place the transposed '" +
                           S.Value->Callee +
                           "()': it is under a condition that may differ "
                           "between the threads of a block, and the threads "
                           "would not meet the same barriers in the reverse "
                           "sweep; keep barriers out of such branches and "
                           "loops (guard the work with `if (i < n)` instead "
                           "of returning early)");
    SrcLoc At =
        DivergingCond->Loc.valid() ? DivergingCond->Loc : Diverging->Loc;
    VarP Var = D.why(DivergingCond).second;
    if (!Var) {
      Diags.note(At, "this condition reads threadIdx, memory other threads "
                     "may write, or a function's result");
      return;
    }
    if (!Var->Loc.valid()) { // a flag of Normalize: the exit is the reason
      Diags.note(D.origin(Var.get()),
                 "an early exit ('return', 'break' or 'continue') that only "
                 "some threads may take");
      return;
    }
    Diags.note(At, "the threads of a block may take different paths here");
    Diags.note(D.origin(Var.get()), "'" + Var->Name +
                                        "' may differ between the threads "
                                        "of a block from here");
  }

  /// A warp shuffle: its transpose is a shuffle too, which every lane of
  /// the warp must execute in the reverse sweep; the transposes of
  /// tad/cuda.h assume the full warp and the same lane operand (and
  /// width) in every lane.
  void shuffle(const ExprP &E) {
    const Expr *M = E->op(0).get();
    while (M && M->is(Expr::Kind::Cast))
      M = M->op(0).get();
    if (Diverging) {
      Ok = false;
      Diags.error(E->Loc,
                  Mode + " cannot place the transposed '" + E->Callee +
                      "': it is under a condition that may differ between "
                      "the threads of a block, and the lanes of the warp "
                      "would not all execute the shuffle in the reverse "
                      "sweep; keep warp shuffles out of such branches and "
                      "loops");
      SrcLoc At =
          DivergingCond->Loc.valid() ? DivergingCond->Loc : Diverging->Loc;
      Diags.note(At, "the threads of a block may take different paths here");
    } else if (!M || !M->is(Expr::Kind::Lit) ||
               (M->Value != 4294967295.0 && M->Value != -1)) {
      Ok = false;
      Diags.error(E->Loc, Mode + " supports '" + E->Callee +
                              "' only with the full mask 0xffffffff: the "
                              "transposed shuffle must know which lanes "
                              "take part");
    } else if (!D.uniform(E->op(2))) {
      Ok = false;
      Diags.error(E->op(2)->Loc.valid() ? E->op(2)->Loc : E->Loc,
                  Mode + " supports '" + E->Callee +
                      "' only with the same lane operand in every thread "
                      "(a constant or a value of uniform loop counters): "
                      "the transpose sends each cotangent back along the "
                      "same offset, which a per-lane operand breaks");
    } else if (E->Ops.size() == 4 && !D.uniform(E->op(3))) {
      Ok = false;
      Diags.error(E->op(3)->Loc.valid() ? E->op(3)->Loc : E->Loc,
                  Mode + " supports '" + E->Callee +
                      "' only with the same width in every thread (a "
                      "constant or a value of uniform loop counters): the "
                      "transpose works on the same segments of the warp");
    }
  }

  void valueBarrier(const ExprP &E) {
    if (!E)
      return;
    if (E->is(Expr::Kind::Call) && E->Builtin >= 0 &&
        E->Callee.rfind("__shfl", 0) == 0 &&
        (E->Ops.size() == 3 || E->Ops.size() == 4) && E->Ty.isFloating())
      shuffle(E);
    // The arms of `c ? a : b` (and of && and ||) with c divergent: their
    // transposes are under c in the reverse sweep.
    bool Cond = E->is(Expr::Kind::Select) ||
                (E->is(Expr::Kind::Binary) &&
                 (E->BOp == BinOp::LAnd || E->BOp == BinOp::LOr));
    if (Cond && !Diverging && !D.uniform(E->op(0))) {
      valueBarrier(E->op(0));
      const Stmt *Saved = Diverging;
      Diverging = CurrentStmt;
      DivergingCond = E->op(0);
      for (size_t I = 1; I < E->Ops.size(); ++I)
        valueBarrier(E->op(I));
      Diverging = Saved;
      DivergingCond = nullptr;
      return;
    }
    if (E->isUserCall() && E->Callee.rfind("__sync", 0) == 0 &&
        !isBarrierName(E->Callee)) {
      Ok = false;
      Diags.error(E->Loc, Mode + " does not support '" + E->Callee +
                              "': the value of a barrier cannot be recorded "
                              "for the reverse sweep yet");
    }
    for (const ExprP &O : E->Ops)
      valueBarrier(O);
  }

  void under(const Stmt &S, const ExprP &Cond, const StmtList &L) {
    const Stmt *Saved = Diverging;
    ExprP SavedCond = DivergingCond;
    if (!Diverging && Cond && !D.uniform(Cond)) {
      Diverging = &S;
      DivergingCond = Cond;
    }
    list(L);
    Diverging = Saved;
    DivergingCond = SavedCond;
  }

public:
  Checker(const Divergence &D, const std::string &Mode, DiagSink &Diags)
      : D(D), Mode(Mode), Diags(Diags) {}

  void list(const StmtList &L) {
    for (const StmtP &P : L) {
      const Stmt &S = *P;
      CurrentStmt = &S;
      for (const ExprP *E : {&S.Init, &S.LHS, &S.RHS, &S.Value, &S.Cond})
        valueBarrier(*E);
      if (isBarrier(S) && Diverging)
        barrier(S);
      list(S.ForInit);
      under(S, S.Cond, S.Body);
      under(S, S.Cond, S.Else);
      under(S, S.Cond, S.ForInc);
    }
  }

  bool ok() const { return Ok; }
};

bool callsSync(const ExprP &E) {
  if (!E)
    return false;
  if (E->isUserCall() && E->Callee.rfind("__sync", 0) == 0)
    return true;
  if (E->is(Expr::Kind::Call) && E->Callee.rfind("__shfl", 0) == 0)
    return true;
  for (const ExprP &O : E->Ops)
    if (callsSync(O))
      return true;
  return false;
}

bool hasBarrier(const StmtList &L) {
  for (const StmtP &S : L) {
    for (const ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
      if (callsSync(*E))
        return true;
    for (const ExprP &E : S->InitList)
      if (callsSync(E))
        return true;
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      if (hasBarrier(*Sub))
        return true;
  }
  return false;
}

} // namespace

bool isBarrier(const Stmt &S) {
  return S.is(Stmt::Kind::ExprStmt) && S.Value->isUserCall() &&
         isBarrierName(S.Value->Callee);
}

bool checkBarriers(const Function &F, const std::string &Mode,
                   DiagSink &Diags) {
  if (!hasBarrier(F.Body))
    return true;
  Divergence D(F);
  Checker C(D, Mode, Diags);
  C.list(F.Body);
  return C.ok();
}

} // namespace tad
