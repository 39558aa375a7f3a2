//===- Transforms/Reverse/ParallelLoops.cpp - OpenMP in reverse -----------===//
#include "Transforms/Reverse/ParallelLoops.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace tad {

namespace {

const Expr *stripCasts(const ExprP &E) {
  const Expr *X = E.get();
  while (X && X->is(Expr::Kind::Cast))
    X = X->op(0).get();
  return X;
}

class LoopSharing {
  Stmt &Loop;
  const Var *Counter;
  /// Variables declared inside the loop (private to an iteration).
  std::set<const Var *> Private;
  /// Outer scalars accumulated; outer scalars read elsewhere than as the
  /// target of an accumulation.
  std::set<const Var *> Accumulated, Read;
  /// Per outer array: whether every accumulation is at the counter.
  std::map<const Var *, bool> AllOwn;

  static bool isAccumulation(const Stmt &S) {
    return S.is(Stmt::Kind::Assign) &&
           (S.AOp == AssignOp::Add || S.AOp == AssignOp::Sub);
  }

  void reads(const ExprP &E) {
    forEachVar(E, [&](const VarP &V) {
      if (!Private.count(V.get()) && V->Dims.empty() && !V->Ty.IsPointer)
        Read.insert(V.get());
    });
  }

  void survey(const StmtList &L) {
    for (const StmtP &S : L) {
      if (S->is(Stmt::Kind::Decl))
        Private.insert(S->V.get());
      for (const StmtP &I : S->ForInit)
        if (I->is(Stmt::Kind::Decl))
          Private.insert(I->V.get());
      if (isAccumulation(*S) && S->LHS->is(Expr::Kind::VarRef) &&
          !Private.count(S->LHS->V.get())) {
        Accumulated.insert(S->LHS->V.get());
        reads(S->RHS);
      } else if (isAccumulation(*S) && S->LHS->is(Expr::Kind::Index) &&
                 S->LHS->op(0)->is(Expr::Kind::VarRef) &&
                 !Private.count(S->LHS->op(0)->V.get())) {
        const Expr *I = stripCasts(S->LHS->op(1));
        bool Own = I && I->is(Expr::Kind::VarRef) && I->V.get() == Counter;
        auto It = AllOwn.emplace(S->LHS->op(0)->V.get(), true).first;
        It->second = It->second && Own;
        reads(S->LHS->op(1));
        reads(S->RHS);
      } else {
        for (const ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
          if (*E)
            reads(*E);
        for (const ExprP &E : S->InitList)
          reads(E);
      }
      for (const StmtList *C : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        survey(*C);
    }
  }

  void mark(StmtList &L) {
    for (StmtP &S : L) {
      if (isAccumulation(*S) && !S->LHS->is(Expr::Kind::VarRef)) {
        VarP A = rootVar(S->LHS);
        bool Outer = A && !Private.count(A.get());
        auto It = A ? AllOwn.find(A.get()) : AllOwn.end();
        S->Atomic = Outer && (It == AllOwn.end() || !It->second);
      }
      for (StmtList *C : {&S->Body, &S->Else})
        mark(*C);
    }
  }

public:
  explicit LoopSharing(Stmt &Loop)
      : Loop(Loop), Counter(Loop.ForInit[0]->V.get()) {
    Private.insert(Counter);
  }

  void run() {
    survey(Loop.Body);
    for (const Var *V : Accumulated)
      if (Read.count(V)) { // partial sums would be read: keep it in order
        Loop.Parallel = false;
        return;
      }
    mark(Loop.Body);
    // The reduction variables, in the order of their first accumulation.
    std::vector<VarP> Vars;
    std::function<void(const StmtList &)> Collect = [&](const StmtList &L) {
      for (const StmtP &S : L) {
        if (isAccumulation(*S) && S->LHS->is(Expr::Kind::VarRef) &&
            Accumulated.count(S->LHS->V.get()) &&
            std::find(Vars.begin(), Vars.end(), S->LHS->V) == Vars.end())
          Vars.push_back(S->LHS->V);
        for (const StmtList *C : {&S->Body, &S->Else})
          Collect(*C);
      }
    };
    Collect(Loop.Body);
    Loop.Reduction = std::move(Vars);
  }
};

} // namespace

void shareParallelAccumulations(StmtList &L) {
  for (StmtP &S : L) {
    if (S->is(Stmt::Kind::For) && S->Parallel && S->ForInit.size() == 1 &&
        S->ForInit[0]->is(Stmt::Kind::Decl)) {
      LoopSharing(*S).run();
      if (S->Parallel)
        continue; // nested loops run inside one iteration
    }
    for (StmtList *C : {&S->Body, &S->Else})
      shareParallelAccumulations(*C);
  }
}

} // namespace tad
