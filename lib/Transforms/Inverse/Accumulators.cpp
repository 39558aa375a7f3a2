//===- Transforms/Inverse/Accumulators.cpp - sums that feed one step ------===//
//
// An accumulator is a scalar local built from the state by += and -= and
// then read by one step (THEORY.md 1.4, issue 17):
//
//   double s = 0;
//   for (int k = 0; k < h; ++k) s += W[i * h + k] * tanh(x[k]);
//   x[i] += s;
//
// When what it reads keeps its value until the step, and the step's slot
// is not among it, s is a function of state the step does not write, and
// its partials are the step's b_r. The inverse modes then need s (or its
// tangent) at the step, which the reversed programs reach before the
// accumulation: so the accumulation is bundled with its step, as a Block
//
//   { double s = 0;  x[i] += s;  for (k ...) s += ...;  [s += init;] }
//
// (a step that reads several accumulators sits in the bundle of the
// next: { double t = 0; { double s = 0; step; ...s } ...t }).
//
// whose statements after the first are the step and a copy of everything
// that builds s (the originals keep running where they are, less their
// updates of s). A sweep in program order (f_ivjp, f_logdet) reads the
// bundle as "step, then the accumulation's transpose"; a reversed sweep
// (f_ijvp, f_inverse) reverses it to "accumulate, then undo the step".
//
//===----------------------------------------------------------------------===//
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Inverse/Inverse.h"

#include <deque>

namespace tad {

namespace {

bool isUpdateOf(const Stmt &S, const Var *V) {
  return S.is(Stmt::Kind::Assign) && rootVar(S.LHS).get() == V;
}

/// Whether S (at any depth) reads V other than as the target of an update.
bool readsBesidesUpdates(const Stmt &S, const Var *V) {
  return stmtReads(S, V, /*BesidesUpdates=*/true);
}

bool containsUpdate(const Stmt &S, const Var *V) {
  if (isUpdateOf(S, V))
    return true;
  for (const StmtList *Sub : {&S.Body, &S.Else})
    for (const StmtP &C : *Sub)
      if (containsUpdate(*C, V))
        return true;
  return false;
}

/// Whether S changes anything outside itself (assigns a variable it does
/// not declare, calls, exits): false for a loop left computing only its
/// own locals once the accumulator's updates are gone.
bool hasEffect(const Stmt &S, std::set<const Var *> &Own) {
  switch (S.K) {
  case Stmt::Kind::Decl:
    Own.insert(S.V.get());
    return false;
  case Stmt::Kind::Assign: {
    VarP R = rootVar(S.LHS);
    return !R || !Own.count(R.get());
  }
  case Stmt::Kind::For:
  case Stmt::Kind::If:
  case Stmt::Kind::Block:
    for (const StmtList *Sub : {&S.ForInit, &S.Body, &S.Else})
      for (const StmtP &C : *Sub)
        if (hasEffect(*C, Own))
          return true;
    return false;
  default:
    return true;
  }
}
bool hasEffect(const Stmt &S) {
  std::set<const Var *> Own;
  return hasEffect(S, Own);
}

/// Whether S assigns (at any depth) a variable of M.
bool assignsAny(const Stmt &S, const std::map<const Var *, ExprP> &M) {
  if (S.is(Stmt::Kind::Assign))
    if (VarP R = rootVar(S.LHS); R && M.count(R.get()))
      return true;
  for (const StmtList *Sub : {&S.Body, &S.Else})
    for (const StmtP &C : *Sub)
      if (assignsAny(*C, M))
        return true;
  return false;
}

/// The part of S that builds V: its loops and branches, its locals, the
/// updates of V and the assignments to those locals, with the loops and
/// branches they are in (null when S builds no part of V). Locals get new
/// variables, so that the copy and the original stay apart for the analyses
/// keyed by variable.
StmtP accumulationOf(const Stmt &S, const Var *V,
                     std::map<const Var *, ExprP> &Renamed) {
  auto Local = [&](const VarP &D) {
    auto N = std::make_shared<Var>(*D);
    Renamed[D.get()] = mkVar(N);
    return N;
  };
  switch (S.K) {
  case Stmt::Kind::Assign: {
    VarP R = rootVar(S.LHS);
    if (R.get() != V && !(R && Renamed.count(R.get())))
      return nullptr;
    StmtP C = cloneStmt(S);
    return C;
  }
  case Stmt::Kind::Decl: {
    if (S.V->IsTangent)
      return nullptr;
    StmtP C = cloneStmt(S);
    C->V = Local(S.V);
    return C;
  }
  case Stmt::Kind::For:
  case Stmt::Kind::If:
  case Stmt::Kind::Block: {
    if (!containsUpdate(S, V) && !assignsAny(S, Renamed))
      return nullptr;
    StmtP C = mkStmt(S.K, S.Loc);
    C->Cond = S.Cond;
    C->HasElse = S.HasElse;
    for (const StmtP &I : S.ForInit) {
      C->ForInit.push_back(cloneStmt(*I));
      if (I->is(Stmt::Kind::Decl))
        C->ForInit.back()->V = Local(I->V);
    }
    C->ForInc = cloneList(S.ForInc);
    for (auto [From, To] : {std::pair{&S.Body, &C->Body}, {&S.Else, &C->Else}})
      for (const StmtP &I : *From)
        if (StmtP X = accumulationOf(*I, V, Renamed))
          To->push_back(std::move(X));
    C->HasElse = !C->Else.empty();
    return C;
  }
  default:
    return nullptr;
  }
}

/// Removes the updates of V from L (at any depth), and the loops and
/// branches left doing nothing.
void removeUpdates(StmtList &L, const Var *V) {
  for (size_t K = 0; K < L.size();) {
    Stmt &S = *L[K];
    if (isUpdateOf(S, V)) {
      L.erase(L.begin() + K);
      continue;
    }
    bool Compound = S.is(Stmt::Kind::For) || S.is(Stmt::Kind::If) ||
                    S.is(Stmt::Kind::Block);
    if (Compound && containsUpdate(S, V)) {
      removeUpdates(S.Body, V);
      removeUpdates(S.Else, V);
      if (!hasEffect(S)) {
        L.erase(L.begin() + K);
        continue;
      }
    }
    ++K;
  }
}

class Bundler {
  const AccumulatorTest &IsAccumulator;
  std::set<std::uint64_t> &Handles;

  /// Bundles the accumulator declared at L[K]; false if its shape is not
  /// the one checkAccumulators admitted.
  bool bundle(StmtList &L, size_t K) {
    const VarP V = L[K]->V;
    size_t U = 0;
    for (size_t J = K + 1; J < L.size(); ++J)
      if (readsBesidesUpdates(*L[J], V.get()))
        U = J;
    // The step, or the bundle of another accumulator it reads.
    if (!U || !(L[U]->is(Stmt::Kind::Assign) || isBundle(*L[U], Handles)))
      return false;
    for (size_t J = U + 1; J < L.size(); ++J)
      if (containsUpdate(*L[J], V.get()))
        return false;
    StmtP B = mkStmt(Stmt::Kind::Block, L[U]->Loc);
    StmtP Decl = cloneStmt(*L[K]);
    ExprP Init = Decl->Init;
    Decl->Init = lit(0, V->Ty);
    B->Body.push_back(std::move(Decl));
    B->Body.push_back(std::move(L[U]));
    std::map<const Var *, ExprP> Renamed;
    // The locals L declares stay where they are: in scope at the step.
    for (size_t J = K + 1; J < U; ++J)
      if (!L[J]->is(Stmt::Kind::Decl))
        if (StmtP C = accumulationOf(*L[J], V.get(), Renamed))
          B->Body.push_back(std::move(C));
    StmtList Copy(std::make_move_iterator(B->Body.begin() + 2),
                  std::make_move_iterator(B->Body.end()));
    B->Body.resize(2);
    substituteInStmts(Copy, Renamed);
    for (StmtP &C : Copy)
      B->Body.push_back(std::move(C));
    if (Init && !isLitValue(Init, 0))
      B->Body.push_back(mkAssign(mkVar(V), AssignOp::Add, Init, B->Loc));
    Handles.insert(B->Loc.Handle);
    L[U] = std::move(B);
    for (size_t J = U - 1; J > K; --J) {
      StmtList One;
      One.push_back(std::move(L[J]));
      removeUpdates(One, V.get());
      if (One.empty())
        L.erase(L.begin() + J);
      else
        L[J] = std::move(One[0]);
    }
    L.erase(L.begin() + K);
    return true;
  }

public:
  Bundler(const AccumulatorTest &IsAccumulator,
          std::set<std::uint64_t> &Handles)
      : IsAccumulator(IsAccumulator), Handles(Handles) {}

  const Stmt *list(StmtList &L) {
    for (size_t K = 0; K < L.size();) {
      if (L[K]->is(Stmt::Kind::Decl) && IsAccumulator(L, K)) {
        const Stmt *Bad = L[K].get();
        if (!bundle(L, K))
          return Bad;
        continue; // L[K] is the next statement now
      }
      if (L[K]->is(Stmt::Kind::Block) && Handles.count(L[K]->Loc.Handle)) {
        ++K;
        continue;
      }
      for (StmtList *Sub : {&L[K]->Body, &L[K]->Else})
        if (const Stmt *Bad = list(*Sub))
          return Bad;
      ++K;
    }
    return nullptr;
  }
};

/// The checks of checkAccumulators, with the enclosing loops and branches.
class Checker {
  const std::set<const Var *> &Active, &State;
  const FixedInts &Fixed;
  DiagSink &Diags;
  InversePlan &Plan;
  std::vector<const Stmt *> Loops; // enclosing for and if statements
  std::deque<StmtP> Guards;

  static std::string at(const Stmt &S) {
    return "(line " + std::to_string(S.Loc.Line) + ")";
  }

  void fail(const Stmt &Where, const Stmt &Decl, const std::string &Why) {
    Diags.error(Where.Loc, Why + "; inverse accumulation takes an "
                                 "accumulator built by += and -= in loops "
                                 "and branches, then read by one step "
                                 "(TAD_DENSE(n) gives f_ijvp, f_ivjp and "
                                 "f_logdet for any square function)");
    Diags.note(Decl.Loc, "'" + Decl.V->Name + "' is declared here");
  }

  /// Calls F on the statements S nests (its arms, its loop's header and
  /// body), with S's loop or the arm's branch condition on Loops (the
  /// facts overlap reads); false as soon as F is.
  template <typename Fn> bool eachNested(const Stmt &S, Fn F) {
    if (S.is(Stmt::Kind::If)) {
      for (bool Else : {false, true}) {
        const Stmt *G = branchGuard(S, Else, Guards);
        if (G)
          Loops.push_back(G);
        bool Ok = true;
        for (const StmtP &C : Else ? S.Else : S.Body)
          if (Ok && !F(*C))
            Ok = false;
        if (G)
          Loops.pop_back();
        if (!Ok)
          return false;
      }
      return true;
    }
    bool Loop = S.is(Stmt::Kind::For), Ok = true;
    if (Loop)
      Loops.push_back(&S);
    for (const StmtList *Sub : {&S.ForInit, &S.ForInc, &S.Body})
      for (const StmtP &C : *Sub)
        if (Ok && !F(*C))
          Ok = false;
    if (Loop)
      Loops.pop_back();
    return Ok;
  }

  /// The updates of V in S, each with the loops and branches around it.
  bool updates(
      const Stmt &S, const Stmt &Decl,
      std::vector<std::pair<const Stmt *, std::vector<const Stmt *>>> &Out) {
    const Var *V = Decl.V.get();
    if (isUpdateOf(S, V)) {
      if ((S.AOp != AssignOp::Add && S.AOp != AssignOp::Sub) ||
          readsVar(S.RHS, V)) {
        fail(S, Decl,
             "'" + stmtText(S) + "' updates the accumulator '" + V->Name +
                 "' other than by adding or subtracting a value that does "
                 "not read it");
        return false;
      }
      Out.push_back({&S, Loops});
      return true;
    }
    if (!containsUpdate(S, V))
      return true;
    if (!S.is(Stmt::Kind::For) && !S.is(Stmt::Kind::If) &&
        !S.is(Stmt::Kind::Block)) {
      fail(S, Decl,
           "the accumulator '" + V->Name +
               "' is updated in a loop other than a counted for loop "
               "(one without break, continue or return)");
      return false;
    }
    return eachNested(S, [&](const Stmt &C) { return updates(C, Decl, Out); });
  }

  static void assigned(const Stmt &S, std::set<const Var *> &Out) {
    if (S.is(Stmt::Kind::Assign))
      if (VarP R = rootVar(S.LHS))
        Out.insert(R.get());
    for (const StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
      for (const StmtP &C : *Sub)
        assigned(*C, Out);
  }
  static void declared(const Stmt &S, std::set<const Var *> &Out) {
    if (S.is(Stmt::Kind::Decl))
      Out.insert(S.V.get());
    for (const StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
      for (const StmtP &C : *Sub)
        declared(*C, Out);
  }

  /// S and the statements it nests, each with the loops and branches
  /// around it (for overlap).
  void inContext(
      const Stmt &S,
      std::vector<std::pair<const Stmt *, std::vector<const Stmt *>>> &Out) {
    Out.push_back({&S, Loops});
    eachNested(S, [&](const Stmt &C) {
      inContext(C, Out);
      return true;
    });
  }

  /// Whether S (and what it nests) reads only variables that do not change
  /// in the accumulation (Changed) or are its own (Own); reports the first
  /// that does.
  bool readsSteady(const Stmt &S, const Stmt &Decl,
                   const std::set<const Var *> &Changed,
                   const std::set<const Var *> &Own) {
    const Var *V = Decl.V.get();
    std::string Moving;
    auto Check = [&](const ExprP &E) {
      forEachVar(E, [&](const VarP &X) {
        if (X.get() != V && Changed.count(X.get()) && !Own.count(X.get()) &&
            !State.count(X.get()) && Moving.empty())
          Moving = X->Name;
      });
    };
    for (const ExprP *E : {&S.Init, &S.RHS, &S.Value, &S.Cond})
      Check(*E);
    for (const ExprP &E : S.InitList)
      Check(E);
    if (S.LHS && S.LHS->is(Expr::Kind::Index))
      Check(S.LHS->op(1));
    if (!Moving.empty()) {
      bool Simple = S.is(Stmt::Kind::Assign) || S.is(Stmt::Kind::Decl);
      fail(S, Decl,
           (Simple ? "'" + stmtText(S) + "'"
                   : std::string("the condition of this loop or branch")) +
               " reads '" + Moving +
               "', which changes while the accumulator '" + V->Name +
               "' is built: tad recomputes an accumulator at its step "
               "and needs what it reads unchanged until then");
      return false;
    }
    for (const StmtList *Sub : {&S.ForInit, &S.ForInc, &S.Body, &S.Else})
      for (const StmtP &C : *Sub)
        if (!readsSteady(*C, Decl, Changed, Own))
          return false;
    return true;
  }

  /// The accumulator declared at L[K]: checked, and recorded in Plan.
  bool check(const StmtList &L, size_t K) {
    const Stmt &Decl = *L[K];
    const Var *V = Decl.V.get();
    size_t U = 0;
    for (size_t J = K + 1; J < L.size(); ++J) {
      if (!readsBesidesUpdates(*L[J], V))
        continue;
      if (U) {
        fail(*L[U], Decl,
             "'" + V->Name + "' is read here and again at line " +
                 std::to_string(L[J]->Loc.Line));
        return false;
      }
      U = J;
    }
    if (!U) {
      fail(Decl, Decl,
           "the accumulator '" + V->Name + "' is not read after its updates");
      return false;
    }
    const Stmt &Use = *L[U];
    VarP Target = Use.is(Stmt::Kind::Assign) ? rootVar(Use.LHS) : nullptr;
    if (Target && Active.count(Target.get()) && !State.count(Target.get())) {
      fail(Use, Decl,
           "the accumulator '" + V->Name + "' is read by '" + stmtText(Use) +
               "', which builds another accumulator: an accumulator built "
               "from another (a hidden layer) is not supported yet");
      return false;
    }
    if (!Target || !State.count(Target.get())) {
      fail(Use, Decl,
           "the accumulator '" + V->Name +
               "' is read here by a statement that is not an assignment "
               "to the state");
      return false;
    }
    for (size_t J = U; J < L.size(); ++J)
      if (containsUpdate(*L[J], V)) {
        fail(*L[J], Decl,
             "the accumulator '" + V->Name +
                 "' is updated after the step that reads it " + at(Use));
        return false;
      }
    std::vector<std::pair<const Stmt *, std::vector<const Stmt *>>> Ups;
    std::set<const Var *> Changed, Own;
    for (size_t J = K + 1; J < U; ++J) {
      if (!updates(*L[J], Decl, Ups))
        return false;
      assigned(*L[J], Changed);
      if (containsUpdate(*L[J], V))
        declared(*L[J], Own);
    }
    // The step is undone with s recomputed there: the state s reads must
    // not change before it, nor may anything else s is built from.
    for (size_t J = K + 1; J < U; ++J) {
      std::vector<const Stmt *> Writes;
      std::function<void(const Stmt &)> Walk = [&](const Stmt &S) {
        if (S.is(Stmt::Kind::Assign))
          if (VarP R = rootVar(S.LHS); R && State.count(R.get()))
            Writes.push_back(&S);
        for (const StmtList *Sub : {&S.Body, &S.Else})
          for (const StmtP &C : *Sub)
            Walk(*C);
      };
      Walk(*L[J]);
      if (!Writes.empty()) {
        fail(*Writes.front(), Decl,
             "'" + stmtText(*Writes.front()) +
                 "' writes the state between the declaration of the "
                 "accumulator '" +
                 V->Name + "' and the step that reads it " + at(Use));
        return false;
      }
    }
    // Everything else the accumulation's statements read (their conditions,
    // bounds and locals too) must keep its value until the step, where it
    // is recomputed: what changes must be its own local.
    for (size_t J = K + 1; J < U; ++J)
      if (containsUpdate(*L[J], V) && !readsSteady(*L[J], Decl, Changed, Own))
        return false;
    if (!readsSteady(Decl, Decl, Changed, Own))
      return false; // its initial value, recomputed at the step too
    // The state it reads (in its updates, conditions, bounds and locals)
    // must not be the step's slot: s would depend on it (and f_inverse,
    // which recomputes s after undoing the step, would read the new value).
    std::vector<std::pair<const Stmt *, std::vector<const Stmt *>>> Reads{
        {&Decl, Loops}};
    for (size_t J = K + 1; J < U; ++J)
      if (containsUpdate(*L[J], V))
        inContext(*L[J], Reads);
    for (auto &[S, Around] : Reads) {
      std::vector<ExprP> Locs;
      for (const ExprP *E : {&S->Init, &S->RHS, &S->Value, &S->Cond})
        readLocations(*E, State, Locs);
      if (S->LHS && S->LHS->is(Expr::Kind::Index))
        readLocations(S->LHS->op(1), State, Locs);
      for (const ExprP &R : Locs)
        if (overlap(Use.LHS, R, Fixed, Around) != Overlap::Distinct) {
          fail(*S, Decl,
               "cannot prove '" + emitExpr(Use.LHS) + "', which the step " +
                   at(Use) + " writes, and '" + emitExpr(R) +
                   "', which the accumulator '" + V->Name +
                   "' reads, are distinct (the step's pivot would be 1 "
                   "+ d" +
                   V->Name + "/d" + emitExpr(Use.LHS) +
                   " when they are the same element)");
          return false;
        }
    }
    Plan.Accumulators.insert(V);
    return true;
  }

public:
  Checker(const std::set<const Var *> &Active,
          const std::set<const Var *> &State, const FixedInts &Fixed,
          DiagSink &Diags, InversePlan &Plan)
      : Active(Active), State(State), Fixed(Fixed), Diags(Diags), Plan(Plan) {}

  bool list(const StmtList &L) {
    for (size_t K = 0; K < L.size(); ++K) {
      const Stmt &S = *L[K];
      if (S.is(Stmt::Kind::Block) && Plan.lumpAt(S.Loc.Handle))
        continue;
      if (isAccumulatorDecl(S, Active, State) && !check(L, K))
        return false;
      if (S.is(Stmt::Kind::If)) {
        for (bool Else : {false, true}) {
          const Stmt *G = branchGuard(S, Else, Guards);
          if (G)
            Loops.push_back(G);
          bool Ok = list(Else ? S.Else : S.Body);
          if (G)
            Loops.pop_back();
          if (!Ok)
            return false;
        }
        continue;
      }
      bool Loop = S.is(Stmt::Kind::For);
      if (Loop)
        Loops.push_back(&S);
      for (const StmtList *Sub : {&S.Body, &S.Else})
        if (!list(*Sub))
          return false;
      if (Loop)
        Loops.pop_back();
    }
    return true;
  }
};

} // namespace

bool isAccumulatorDecl(const Stmt &S, const std::set<const Var *> &Active,
                       const std::set<const Var *> &State) {
  return S.is(Stmt::Kind::Decl) && Active.count(S.V.get()) &&
         !State.count(S.V.get()) && S.V->Dims.empty() && !S.V->Ty.IsPointer &&
         S.V->Ty.isFloating() && !S.V->Ty.isRecord();
}

bool checkAccumulators(const StmtList &Body,
                       const std::set<const Var *> &Active,
                       const std::set<const Var *> &State,
                       const FixedInts &Fixed, DiagSink &Diags,
                       InversePlan &Plan) {
  return Checker(Active, State, Fixed, Diags, Plan).list(Body);
}

const Stmt *bundleAccumulators(StmtList &Body, const AccumulatorTest &IsAcc,
                               std::set<std::uint64_t> &Handles) {
  return Bundler(IsAcc, Handles).list(Body);
}

bool updatedAfter(const StmtList &L, size_t K) {
  for (size_t J = K + 1; J < L.size(); ++J)
    if (containsUpdate(*L[J], L[K]->V.get()))
      return true;
  return false;
}

bool isBundle(const Stmt &S, const std::set<std::uint64_t> &Handles) {
  return S.is(Stmt::Kind::Block) && Handles.count(S.Loc.Handle) &&
         S.Body.size() >= 2 && S.Body[0]->is(Stmt::Kind::Decl);
}

const Stmt &bundledStep(const Stmt &S, const std::set<std::uint64_t> &Handles,
                        std::vector<const Var *> *Accumulators) {
  if (!isBundle(S, Handles))
    return S;
  if (Accumulators)
    Accumulators->push_back(S.Body[0]->V.get());
  return bundledStep(*S.Body[1], Handles, Accumulators);
}

} // namespace tad
