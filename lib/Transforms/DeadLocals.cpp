//===- Transforms/DeadLocals.cpp - locals nothing reads -------------------===//
#include "Transforms/DeadLocals.h"

#include <functional>
#include <map>
#include <set>

namespace tad {

namespace {

/// The declarations of the body and what reads and writes each: a local
/// can be declared again in another block (a value the reverse sweep
/// recomputes), so uses are resolved to the declaration in scope.
struct Uses {
  std::vector<const Stmt *> Decls;
  std::map<const Stmt *, unsigned> Reads; ///< writes' targets excluded
  std::set<const Stmt *> Effectful;       ///< written by a call's statement
  /// Writes whose value is one call: dropping the local keeps the call.
  std::set<const Stmt *> CallWrites;
  std::map<const Stmt *, const Stmt *> Writes; ///< assignment -> its Decl
};
using Scope = std::map<const Var *, const Stmt *>;

void countReads(const ExprP &E, const Scope &In, Uses &U) {
  forEachVar(E, [&](const VarP &V) {
    if (auto It = In.find(V.get()); It != In.end())
      ++U.Reads[It->second];
  });
}

/// The reads of an lvalue: its indices, not the variable it writes.
void countLValueReads(const ExprP &E, const Scope &In, Uses &U) {
  if (!E)
    return;
  if (E->is(Expr::Kind::Index)) {
    countLValueReads(E->op(0), In, U);
    countReads(E->op(1), In, U);
    return;
  }
  if (!E->is(Expr::Kind::VarRef))
    countReads(E, In, U);
}

void collect(const StmtList &L, Scope In, Uses &U) {
  for (const StmtP &S : L) {
    bool Calls = false;
    for (const ExprP &E : {S->Init, S->LHS, S->RHS})
      Calls |= callsUserFunction(E);
    for (const ExprP &E : S->InitList)
      Calls |= callsUserFunction(E);
    // `T v = g(...);` and `v = g(...);`: the call stays as a statement.
    const ExprP &Value = S->is(Stmt::Kind::Decl) ? S->Init : S->RHS;
    bool WholeCall = Calls && Value && Value->isUserCall() &&
                     S->InitList.empty() && S->AOp == AssignOp::Set &&
                     !callsUserFunction(S->LHS);
    for (const ExprP &O : Value &&WholeCall ? Value->Ops : std::vector<ExprP>())
      WholeCall &= !callsUserFunction(O);
    if (WholeCall) {
      Calls = false;
      U.CallWrites.insert(S.get());
    }
    if (S->is(Stmt::Kind::Decl)) {
      countReads(S->Init, In, U);
      // A local vector's declared size (`std::vector<double> t(m);`).
      if (S->V->Size)
        countReads(std::const_pointer_cast<Expr>(S->V->Size), In, U);
      for (const ExprP &E : S->InitList)
        countReads(E, In, U);
      In[S->V.get()] = S.get();
      // A struct's fields are read and written through its declaration.
      std::function<void(const Var &)> Fields = [&](const Var &V) {
        for (const VarP &F : V.Fields) {
          In[F.get()] = S.get();
          Fields(*F);
        }
      };
      Fields(*S->V);
      U.Decls.push_back(S.get());
      if (Calls)
        U.Effectful.insert(S.get());
    } else if (S->is(Stmt::Kind::Assign)) {
      countLValueReads(S->LHS, In, U);
      countReads(S->RHS, In, U);
      VarP R = rootVar(S->LHS);
      if (auto It = R ? In.find(R.get()) : In.end(); It != In.end()) {
        U.Writes[S.get()] = It->second;
        if (Calls)
          U.Effectful.insert(It->second);
      }
    } else {
      countReads(S->Value, In, U);
    }
    if (S->TripCount)
      countReads(mkVar(S->TripCount), In, U);
    for (const std::vector<VarP> *Named : {&S->Pops, &S->Reduction})
      for (const VarP &P : *Named)
        countReads(mkVar(P), In, U);
    // A for-init's declarations are in scope in the loop's header and body.
    Scope Inner = In;
    for (const StmtP &I : S->ForInit)
      if (I->is(Stmt::Kind::Decl))
        Inner[I->V.get()] = I.get();
    collect(S->ForInit, In, U);
    countReads(S->Cond, Inner, U); // if, loops
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInc})
      collect(*Sub, Inner, U);
  }
}

void drop(StmtList &L, const std::set<const Stmt *> &Gone,
          const std::set<const Stmt *> &CallWrites) {
  StmtList Out;
  std::string Comment; // a dropped statement's "line N", for the next one
  for (StmtP &S : L) {
    if (Gone.count(S.get()) && CallWrites.count(S.get())) {
      StmtP C = mkExprStmt(S->is(Stmt::Kind::Decl) ? S->Init : S->RHS, S->Loc);
      C->Comment = S->Comment.empty() ? std::move(Comment) : S->Comment;
      Comment.clear();
      Out.push_back(std::move(C));
      continue;
    }
    if (Gone.count(S.get())) {
      if (Comment.empty())
        Comment = S->Comment;
      continue;
    }
    for (StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      drop(*Sub, Gone, CallWrites);
    if (S->Comment.empty())
      S->Comment = std::move(Comment);
    Comment.clear();
    Out.push_back(std::move(S));
  }
  L = std::move(Out);
}

/// Whether the statements of L write only variables declared in Own (a
/// loop's counters) and call no user function.
bool writesOnly(const StmtList &L, const std::set<const Var *> &Own) {
  for (const StmtP &S : L) {
    if (!S->is(Stmt::Kind::Assign) || callsUserFunction(S->RHS) ||
        callsUserFunction(S->LHS))
      return false;
    VarP R = rootVar(S->LHS);
    if (!R || !Own.count(R.get()))
      return false;
  }
  return true;
}

/// Whether S does nothing: an empty block, an `if` with empty arms and a
/// condition that calls no user function, a `for` whose body is empty and
/// whose header only declares and steps its own counters (what is left of
/// a loop once its dead locals are gone, as in the forward sweep of a
/// transpose whose loop only computed values the reverse sweep recomputes).
bool isEmptyStatement(const Stmt &S) {
  if (!S.Body.empty() || !S.Else.empty())
    return false;
  if (S.is(Stmt::Kind::Block))
    return true;
  if (S.is(Stmt::Kind::If))
    return !callsUserFunction(S.Cond);
  if (!S.is(Stmt::Kind::For) || callsUserFunction(S.Cond) || S.TripCount ||
      !S.Pops.empty())
    return false;
  std::set<const Var *> Own;
  for (const StmtP &I : S.ForInit) {
    if (!I->is(Stmt::Kind::Decl) || callsUserFunction(I->Init))
      return false;
    Own.insert(I->V.get());
  }
  return writesOnly(S.ForInc, Own);
}

bool dropEmptyStatements(StmtList &L) {
  bool Changed = false;
  StmtList Out;
  std::string Comment; // a dropped statement's "line N", for the next one
  for (StmtP &S : L) {
    for (StmtList *Sub : {&S->Body, &S->Else})
      Changed |= dropEmptyStatements(*Sub);
    if (isEmptyStatement(*S)) {
      if (Comment.empty())
        Comment = S->Comment;
      Changed = true;
      continue;
    }
    if (S->Comment.empty())
      S->Comment = std::move(Comment);
    Comment.clear();
    Out.push_back(std::move(S));
  }
  L = std::move(Out);
  return Changed;
}

} // namespace

bool dropDeadLocals(Function &F) {
  bool Any = false;
  for (;;) {
    Uses U;
    collect(F.Body, Scope(), U);
    std::set<const Stmt *> Gone;
    for (const Stmt *D : U.Decls)
      // Not the runtime's objects (the tape, a lump's solver), which calls
      // use by name.
      if (!D->V->Ty.Object && !D->V->Ty.IsPointer && !D->V->IsParam &&
          !U.Reads.count(D) && !U.Effectful.count(D))
        Gone.insert(D);
    for (auto [W, D] : U.Writes)
      if (Gone.count(D))
        Gone.insert(W);
    if (!Gone.empty())
      drop(F.Body, Gone, U.CallWrites);
    // Removing an empty loop can leave what only its header read unread.
    bool Emptied = dropEmptyStatements(F.Body);
    if (Gone.empty() && !Emptied)
      return Any;
    Any = true;
  }
}

} // namespace tad
