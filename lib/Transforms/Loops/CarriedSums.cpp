//===- Transforms/Loops/CarriedSums.cpp - neighbouring += in scalars ------===//
//
// For a loop with step s (+1 or -1), the group of statements
// `Y[k + i + c] += r_c` (c in a set C, width w = max C - min C) touches the
// element k + i + c at the iterations i - (c' - c) for c' in C. The last
// addition to an element comes from the offset cf (min C going up, max C
// going down); the other offsets add to elements that the next iterations
// add to again. Position d = s (c - cf), 0 <= d <= w, numbers the elements
// of an iteration in the order they are finished; acc_d carries the partial
// sum of position d into the iteration:
//
//   Y[k + i + cf] += acc_0 + r(0);     // finished: stored once
//   acc_d = acc_(d+1) + r(d + 1);      // d = 0 .. w - 2
//   acc_(w-1) = r(w);
//
// After the loop acc_d holds the sum for the element at position d of the
// first iteration that did not run; it is stored if some iteration added to
// it (the loop ran at least m times, m the least step from d to an offset
// in C), so that no element the loop did not touch is accessed.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Loops/CarriedSums.h"
#include "Analysis/Affine.h"
#include "Analysis/Loops.h"
#include "Rules/ExprBuilder.h"

#include <algorithm>
#include <map>
#include <set>

namespace tad {

namespace {

/// One `Y[k + i + c] += r` of a group.
struct Member {
  size_t Pos;
  long long Offset;
  const Stmt *S;
};

struct Group {
  VarP Array;
  std::vector<std::pair<int, ExprP>> Key; // the loop-invariant terms k
  std::vector<Member> Members;
  long long Lo = 0, Hi = 0; // the least and greatest offsets c
};

class LoopRewriter {
  Stmt &Loop;
  NameTable &Names;
  VarP Counter;
  int Step;
  /// Variables assigned or declared in the body.
  std::set<const Var *> Varying;
  /// Roots written by each body statement (scalars, arrays, declared vars).
  std::vector<std::set<const Var *>> Writes;

  bool straightLine() const {
    for (const StmtP &S : Loop.Body) {
      if (S->is(Stmt::Kind::Decl)) {
        if (!S->V->Dims.empty() || S->V->Ty.IsPointer || !S->Init)
          return false;
        continue;
      }
      if (!S->is(Stmt::Kind::Assign) || S->AOp == AssignOp::Other)
        return false;
      const Expr &L = *S->LHS;
      if (!L.is(Expr::Kind::VarRef) &&
          !(L.is(Expr::Kind::Index) && L.op(0)->is(Expr::Kind::VarRef)))
        return false;
    }
    return true;
  }

  /// Arrays read somewhere in the body or the loop's header.
  std::set<const Var *> readArrays() const {
    std::set<const Var *> R;
    auto Add = [&](const ExprP &E) {
      forEachVar(E, [&](const VarP &V) { R.insert(V.get()); });
    };
    for (const StmtP &S : Loop.Body) {
      Add(S->Init);
      Add(S->RHS);
      if (S->LHS && S->LHS->is(Expr::Kind::Index))
        Add(S->LHS->op(1));
    }
    Add(Loop.Cond);
    return R;
  }

  /// The group key and offset of Y[Index], if Index is k + i + c.
  bool decompose(const ExprP &Index, AffineSum &Out) const {
    AffineSum A;
    flatten(Index, 1, A);
    int CounterTerms = 0;
    for (const auto &T : A.Terms) {
      if (T.second->is(Expr::Kind::VarRef) && T.second->V == Counter) {
        if (T.first != 1)
          return false;
        ++CounterTerms;
        continue;
      }
      if (mentions(T.second, Varying) || mentions(T.second, {Counter.get()}) ||
          T.second->isUserCall())
        return false;
      Out.Terms.push_back(T);
    }
    Out.Const = A.Const;
    return CounterTerms == 1;
  }

  std::vector<Group> groups() const {
    std::set<const Var *> Read = readArrays();
    std::set<const Var *> Rejected;
    std::vector<Group> Gs;
    for (size_t P = 0; P < Loop.Body.size(); ++P) {
      const Stmt &S = *Loop.Body[P];
      if (!S.is(Stmt::Kind::Assign) || !S.LHS->is(Expr::Kind::Index))
        continue;
      VarP Y = S.LHS->op(0)->V;
      AffineSum A;
      if (S.AOp != AssignOp::Add || Read.count(Y.get()) ||
          !S.LHS->Ty.isFloating() || !decompose(S.LHS->op(1), A)) {
        Rejected.insert(Y.get());
        continue;
      }
      auto G = std::find_if(Gs.begin(), Gs.end(), [&](const Group &X) {
        return X.Array == Y && sameTerms(X.Key, A.Terms);
      });
      if (G == Gs.end()) {
        Gs.push_back({Y, A.Terms, {}});
        G = Gs.end() - 1;
      }
      G->Members.push_back({P, A.Const, &S});
    }
    std::vector<Group> Out;
    for (Group &G : Gs) {
      if (Rejected.count(G.Array.get()) || !movable(G))
        continue;
      G.Lo = G.Hi = G.Members[0].Offset;
      for (const Member &M : G.Members) {
        G.Lo = std::min(G.Lo, M.Offset);
        G.Hi = std::max(G.Hi, M.Offset);
      }
      if (G.Hi > G.Lo && G.Hi - G.Lo <= 8) // wider: too many carried scalars
        Out.push_back(std::move(G));
    }
    return Out;
  }

  /// Each member's right-hand side can be evaluated at the group's last
  /// member: nothing it reads is written in between, and it calls no
  /// function (whose calls, tape pops say, would change order).
  bool movable(const Group &G) const {
    size_t Last = G.Members.back().Pos;
    for (const Member &M : G.Members) {
      if (callsUserFunction(M.S->RHS))
        return false;
      for (size_t P = M.Pos + 1; P <= Last; ++P)
        if (mentions(M.S->RHS, Writes[P]))
          return false;
    }
    return true;
  }

  /// Where the counter is when the loop has run.
  ExprP exitValue() const {
    const ExprP &Bound = Loop.Cond->op(1);
    switch (Loop.Cond->BOp) {
    case BinOp::Le:
      return offsetBy(Bound, 1);
    case BinOp::Ge:
      return offsetBy(Bound, -1);
    default:
      return Bound;
    }
  }

  /// The loop ran at least M times: its condition held for iteration M-1.
  ExprP ranAtLeast(long long M) const {
    ExprP First = Loop.ForInit[0]->Init;
    return substituteVars(Loop.Cond,
                          {{Counter.get(), offsetBy(First, Step * (M - 1))}});
  }

  /// The element k + At + C of G's array.
  ExprP element(const Group &G, const ExprP &At, long long C) const {
    AffineSum A;
    A.Terms = G.Key;
    flatten(At, 1, A);
    return mkIndex(mkVar(G.Array), rebuild(A.Terms, A.Const + C, Counter->Ty));
  }

  /// Rewrites G; returns the statements that replace its last member, and
  /// appends to Before/After what goes around the loop.
  StmtList rewrite(const Group &G, StmtList &Before, StmtList &After) {
    long long W = G.Hi - G.Lo, Fin = Step > 0 ? G.Lo : G.Hi;
    std::vector<ExprP> Sum(W + 1);
    const ExprP *FinIndex = nullptr;
    for (const Member &M : G.Members) {
      long long D = Step * (M.Offset - Fin);
      Sum[D] = add(Sum[D], M.S->RHS);
      if (D == 0)
        FinIndex = &M.S->LHS;
    }
    Type T = (*FinIndex)->Ty.unqualified();
    SrcLoc L = G.Members.back().S->Loc;
    std::vector<VarP> Acc;
    for (long long D = 0; D < W; ++D) {
      Acc.push_back(makeVar(Names.fresh("_acc"), T, L));
      Before.push_back(mkDecl(Acc.back(), lit(0, T), L));
    }
    StmtList In;
    In.push_back(
        mkAssign(*FinIndex, AssignOp::Add, add(mkVar(Acc[0]), Sum[0]), L));
    for (long long D = 0; D + 1 < W; ++D)
      In.push_back(mkAssign(mkVar(Acc[D]), AssignOp::Set,
                            add(mkVar(Acc[D + 1]), Sum[D + 1]), L));
    In.push_back(mkAssign(mkVar(Acc[W - 1]), AssignOp::Set, Sum[W], L));

    // Flush, grouped by how many iterations must have run.
    std::map<long long, StmtList> ByRuns;
    ExprP Exit = exitValue();
    for (long long D = 0; D < W; ++D) {
      long long M = 1;
      while (!Sum[D + M])
        ++M;
      ByRuns[M].push_back(mkAssign(element(G, Exit, Fin + Step * D),
                                   AssignOp::Add, mkVar(Acc[D]), L));
    }
    for (auto &R : ByRuns) {
      StmtP If = mkStmt(Stmt::Kind::If, L);
      If->Cond = ranAtLeast(R.first);
      If->Body = std::move(R.second);
      After.push_back(std::move(If));
    }
    return In;
  }

public:
  LoopRewriter(Stmt &Loop, NameTable &Names)
      : Loop(Loop), Names(Names), Counter(Loop.ForInit[0]->V),
        Step(Loop.ForInc[0]->AOp == AssignOp::Add ? 1 : -1) {}

  /// The loop, or a block holding the carried sums' declarations, the
  /// loop and the final stores.
  StmtP run(StmtP Self) {
    if (!straightLine())
      return Self;
    for (const StmtP &S : Loop.Body) {
      std::set<const Var *> W;
      if (S->is(Stmt::Kind::Decl))
        W.insert(S->V.get());
      else if (VarP R = rootVar(S->LHS))
        W.insert(R.get());
      Varying.insert(W.begin(), W.end());
      Writes.push_back(std::move(W));
    }
    std::vector<Group> Gs = groups();
    if (Gs.empty())
      return Self;
    StmtList Before, After;
    std::map<size_t, StmtList> Replace;
    std::set<size_t> Drop;
    for (const Group &G : Gs) {
      for (const Member &M : G.Members)
        Drop.insert(M.Pos);
      Replace[G.Members.back().Pos] = rewrite(G, Before, After);
    }
    StmtList Body;
    for (size_t P = 0; P < Loop.Body.size(); ++P) {
      auto R = Replace.find(P);
      if (R != Replace.end())
        for (StmtP &S : R->second)
          Body.push_back(std::move(S));
      if (!Drop.count(P))
        Body.push_back(std::move(Loop.Body[P]));
    }
    Loop.Body = std::move(Body);
    StmtP Block = mkStmt(Stmt::Kind::Block, Self->Loc);
    Block->Comment = std::move(Self->Comment);
    Block->Body = std::move(Before);
    Block->Body.push_back(std::move(Self));
    for (StmtP &S : After)
      Block->Body.push_back(std::move(S));
    return Block;
  }
};

} // namespace

void carrySums(StmtList &L, NameTable &Names) {
  for (StmtP &S : L) {
    for (StmtList *Sub : {&S->Body, &S->Else})
      carrySums(*Sub, Names);
    // A parallel loop's iterations carry nothing to the next one.
    if (S->is(Stmt::Kind::For) && !S->Parallel && isCanonicalFor(*S)) {
      Stmt &Loop = *S;
      S = LoopRewriter(Loop, Names).run(std::move(S));
    }
  }
}

} // namespace tad
