//===- Transforms/Loops/GatherStencils.cpp - stencil gathers --------------===//
//
// The nest: an outer canonical loop over i in [Li, Ui] whose body is
// straight-line statements (P) around one inner canonical loop over j in
// [Lj, Uj] (rectangular: its bounds do not depend on i). The inner body is
// straight-line: locals, `X[Fx] = 0` (zeroing), and `Y[Fk] += rk` for one
// array Y, where every Fk is Y's index at a shift dk = (dik, djk) of one
// reference Fy:  Fk(i, j) = Fy(i + dik, j + djk) (read off the polynomial
// form of the indices: Fy = i*Si + j*Sj + B). The terms' right-hand sides,
// with the locals substituted, read X only at Fx, before it is zeroed.
//
// Since every source (i, j) adds rk(i, j) to the element Fy((i, j) + dk),
// the same additions are made by iterating over targets: for t in the
// block G = intersection of (D + dk), Y[Fy(t)] += sum_k rk(t - dk); and for
// each k, over the sources of D outside G - dk (at most four strips of
// constant width around the edges). Then X is zeroed over D.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Loops/GatherStencils.h"
#include "Analysis/Affine.h"
#include "Analysis/Loops.h"
#include "Rules/ExprBuilder.h"

#include <algorithm>
#include <map>

namespace tad {

namespace {

struct Range {
  ExprP Lo, Hi; // inclusive
};

Range rangeOf(const Stmt &Loop) {
  // Constants folded: a reversed loop starts at `5 - 1`.
  ExprP Init = offsetBy(Loop.ForInit[0]->Init, 0),
        B = offsetBy(Loop.Cond->op(1), 0);
  switch (Loop.Cond->BOp) {
  case BinOp::Lt:
    return {Init, offsetBy(B, -1)};
  case BinOp::Le:
    return {Init, B};
  case BinOp::Gt:
    return {offsetBy(B, 1), Init};
  default:
    return {B, Init};
  }
}

/// for (int V = Lo; V <= Hi; ++V) Body
StmtP forUp(const VarP &V, const ExprP &Lo, const ExprP &Hi, StmtList Body,
            SrcLoc L) {
  StmtP F = mkStmt(Stmt::Kind::For, L);
  F->ForInit.push_back(mkDecl(V, Lo, L));
  F->Cond = mkBinary(BinOp::Le, mkVar(V), Hi, Type::scalar(ScalarKind::Bool));
  F->ForInc.push_back(mkAssign(mkVar(V), AssignOp::Add, lit(1, V->Ty), L));
  F->Body = std::move(Body);
  return F;
}

ExprP cmpInt(BinOp Op, const ExprP &A, const ExprP &B) {
  return mkBinary(Op, A, B, Type::scalar(ScalarKind::Bool));
}

/// One term of the scatter: Y[Index] += Rhs, at shift (Di, Dj).
struct Term {
  ExprP Index, Rhs;
  long long Di = 0, Dj = 0;
  SrcLoc Loc;
};

struct Zeroing {
  VarP Array;
  ExprP Index;
  Poly Stride, Rest; // Index = i * Stride + Rest (Rest holds j)
  SrcLoc Loc;
};

class NestRewriter {
  Stmt &Outer;
  Stmt *Inner = nullptr;
  VarP I, J;
  Range RI, RJ;
  /// Variables assigned or declared anywhere in the outer body.
  std::set<const Var *> Varying;
  VarP Y;
  std::vector<Term> Terms;
  std::vector<Zeroing> Zeros;
  /// Arrays and scalars the nest reads.
  std::set<const Var *> NestReads;
  /// Conditions for the rewritten code, besides a non-empty block.
  std::vector<ExprP> Guards;
  /// A condition never holds: the rewritten code would never run.
  bool Impossible = false;

  bool findInner() {
    for (const StmtP &S : Outer.Body) {
      if (S->is(Stmt::Kind::For)) {
        if (Inner || !isCanonicalFor(*S))
          return false;
        Inner = S.get();
        continue;
      }
      if (!S->is(Stmt::Kind::Decl) && !S->is(Stmt::Kind::Assign))
        return false;
      if (S->is(Stmt::Kind::Decl) &&
          (!S->Init || !S->V->Dims.empty() || S->V->Ty.IsPointer))
        return false;
      if (S->is(Stmt::Kind::Assign) && S->AOp != AssignOp::Set &&
          S->AOp != AssignOp::Add)
        return false;
    }
    return Inner != nullptr;
  }

  static void collectWrites(const StmtList &L, std::set<const Var *> &Out) {
    for (const StmtP &S : L) {
      if (S->is(Stmt::Kind::Decl))
        Out.insert(S->V.get());
      else if (S->is(Stmt::Kind::Assign))
        Out.insert(rootVar(S->LHS).get());
      collectWrites(S->Body, Out);
      collectWrites(S->ForInit, Out);
    }
  }

  static void collectReads(const ExprP &E, std::set<const Var *> &Out) {
    forEachVar(E, [&](const VarP &V) { Out.insert(V.get()); });
  }

  /// The elements of arrays E reads, with their indices.
  static void arrayReads(const ExprP &E,
                         std::vector<std::pair<VarP, ExprP>> &Out) {
    if (!E)
      return;
    if (E->is(Expr::Kind::Index) && E->op(0)->is(Expr::Kind::VarRef))
      Out.push_back({E->op(0)->V, E->op(1)});
    for (const ExprP &O : E->Ops)
      arrayReads(O, Out);
  }

  const Zeroing *zeroingOf(const Var *X) const {
    for (const Zeroing &Z : Zeros)
      if (Z.Array.get() == X)
        return &Z;
    return nullptr;
  }

  bool analyzeInner() {
    std::map<const Var *, ExprP> Subst;
    std::set<const Var *> Locals;
    for (const StmtP &S : Inner->Body) {
      // Values are evaluated again at other elements: no calls (a tape pop,
      // a VJP).
      for (const ExprP *E : {&S->Init, &S->RHS, &S->LHS})
        if (callsUserFunction(*E))
          return false;
      if (S->is(Stmt::Kind::Decl)) {
        if (!S->Init || !S->V->Dims.empty() || S->V->Ty.IsPointer)
          return false;
        // Reads of this statement itself (a local holds what was read
        // before the zeroing).
        if (!readsOnlyLive(S->Init))
          return false;
        ExprP Init = substituteVars(S->Init, Subst);
        Subst[S->V.get()] = Init;
        Locals.insert(S->V.get());
        continue;
      }
      if (!S->is(Stmt::Kind::Assign) || !S->LHS->is(Expr::Kind::Index) ||
          !S->LHS->op(0)->is(Expr::Kind::VarRef))
        return false;
      VarP A = S->LHS->op(0)->V;
      ExprP Index = substituteVars(S->LHS->op(1), Subst);
      if (S->AOp == AssignOp::Set && isLitValue(S->RHS, 0)) {
        if (A == Y || zeroingOf(A.get()))
          return false;
        Zeroing Z{A, Index, {}, {}, S->Loc};
        Poly P;
        if (!expand(Index, P) || !splitBy(P, I.get(), Z.Stride, Z.Rest))
          return false;
        Zeros.push_back(std::move(Z));
        continue;
      }
      if (S->AOp != AssignOp::Add || !S->LHS->Ty.isFloating() ||
          zeroingOf(A.get()) || (Y && A != Y))
        return false;
      Y = A;
      if (!readsOnlyLive(S->RHS) || !readsOnlyLive(S->LHS->op(1)))
        return false;
      ExprP Rhs = substituteVars(S->RHS, Subst);
      Terms.push_back({Index, Rhs, 0, 0, S->Loc});
    }
    if (!Y || Terms.size() < 2)
      return false;
    // Nothing in the nest reads Y; every read of a zeroed array is at its
    // zeroed element (checked again now that every zeroing is known).
    for (const Term &T : Terms) {
      std::vector<std::pair<VarP, ExprP>> Reads;
      arrayReads(T.Rhs, Reads);
      arrayReads(T.Index, Reads);
      for (const auto &R : Reads) {
        if (R.first == Y)
          return false;
        if (const Zeroing *Z = zeroingOf(R.first.get()))
          if (!sameExpr(R.second, Z->Index))
            return false;
      }
      collectReads(T.Rhs, NestReads);
      collectReads(T.Index, NestReads);
    }
    for (const Zeroing &Z : Zeros)
      collectReads(Z.Index, NestReads);
    for (const Var *L : Locals)
      NestReads.erase(L);
    return true;
  }

  /// E reads no element of an array zeroed earlier in the inner body.
  bool readsOnlyLive(const ExprP &E) const {
    std::vector<std::pair<VarP, ExprP>> Reads;
    arrayReads(E, Reads);
    for (const auto &R : Reads)
      if (R.first == Y || zeroingOf(R.first.get()))
        return false;
    return true;
  }

  /// Reads each term's shift off its index: Fk = i*Si + j*Sj + Bk with the
  /// same Si and Sj; Bk - B0 = dik * Si + djk * Sj.
  bool shifts() {
    Poly Si, Sj, B0;
    for (size_t K = 0; K < Terms.size(); ++K) {
      Poly P, S1, R1, S2, B;
      if (!expand(Terms[K].Index, P) || !splitBy(P, I.get(), S1, R1) ||
          !splitBy(R1, J.get(), S2, B))
        return false;
      if (K == 0) {
        Si = S1, Sj = S2, B0 = B;
        long long SjC;
        if (Si.empty() || !isConstant(Sj, &SjC) || SjC == 0)
          return false;
        continue;
      }
      if (S1 != Si || S2 != Sj)
        return false;
      if (!solve(minus(B, B0), Si, Sj, Terms[K].Di, Terms[K].Dj))
        return false;
    }
    for (const auto &M : Si)
      for (const VarP &V : M.first)
        if (Varying.count(V.get()) || V == J)
          return false;
    return true;
  }

  static bool solve(const Poly &D, const Poly &Si, const Poly &Sj,
                    long long &Di, long long &Dj) {
    long long SjC = 0, SiC = 0, DC = 0;
    isConstant(Sj, &SjC);
    if (isConstant(Si, &SiC)) {
      if (!isConstant(D, &DC) || SiC == 0)
        return false;
      Di = DC / SiC;
    } else {
      auto M = std::find_if(Si.begin(), Si.end(),
                            [](const auto &T) { return !T.first.empty(); });
      auto It = D.find(M->first);
      long long C = It == D.end() ? 0 : It->second;
      if (C % M->second)
        return false;
      Di = C / M->second;
    }
    Poly R = minus(D, scaled(Si, Di));
    if (!isConstant(R, &DC) || DC % SjC)
      return false;
    Dj = DC / SjC;
    return std::abs(Di) <= 8 && std::abs(Dj) <= 8;
  }

  /// The statements of the outer body other than the inner loop commute
  /// with the nest: they read nothing it writes but other elements of the
  /// zeroed arrays, write nothing it reads, and add to Y without reading
  /// it. Conditions on the elements become guards.
  bool outerStatementsCommute() {
    std::set<const Var *> Written;
    for (const StmtP &S : Outer.Body) {
      if (S.get() == Inner)
        continue;
      std::vector<std::pair<VarP, ExprP>> Access;
      if (S->is(Stmt::Kind::Decl)) {
        Written.insert(S->V.get());
        arrayReads(S->Init, Access);
      } else {
        arrayReads(S->RHS, Access);
        const Expr &L = *S->LHS;
        if (L.is(Expr::Kind::Index)) {
          if (!L.op(0)->is(Expr::Kind::VarRef))
            return false;
          VarP A = L.op(0)->V;
          arrayReads(L.op(1), Access);
          if (A == Y && S->AOp != AssignOp::Add)
            return false;
          if (A != Y) {
            if (zeroingOf(A.get()))
              Access.push_back({A, L.op(1)});
            else
              Written.insert(A.get());
          }
        } else {
          Written.insert(rootVar(S->LHS).get());
        }
      }
      for (const auto &A : Access) {
        if (A.first == Y)
          return false;
        if (const Zeroing *Z = zeroingOf(A.first.get()))
          if (!disjoint(*Z, A.second))
            return false;
      }
    }
    for (const Var *V : Written)
      if (NestReads.count(V))
        return false;
    return true;
  }

  /// Guards for: element Index (of an outer statement, one per i) is not
  /// one the nest zeroes. With the nest's index i*S + j + B, rows of
  /// width S, and Index = i*S + B + col: col in [0, S) outside [Lj, Uj],
  /// [Lj, Uj] inside [0, S).
  bool disjoint(const Zeroing &Z, const ExprP &Index) {
    Poly P, S, Rest, SjZ, BZ;
    if (!expand(Index, P) || !splitBy(P, I.get(), S, Rest) || S != Z.Stride ||
        !splitBy(Z.Rest, J.get(), SjZ, BZ))
      return false;
    long long One;
    if (!isConstant(SjZ, &One) || One != 1)
      return false;
    for (const auto &M : Rest)
      for (const VarP &V : M.first)
        if (Varying.count(V.get()) || V == J)
          return false;
    Type T = I->Ty.unqualified();
    ExprP Col = toExpr(minus(Rest, BZ), T), Width = toExpr(S, T);
    ExprP Zero = lit(0, T);
    guard(cmpInt(BinOp::Le, Zero, RJ.Lo));
    guard(cmpInt(BinOp::Lt, RJ.Hi, Width));
    guard(cmpInt(BinOp::Le, Zero, Col));
    guard(cmpInt(BinOp::Lt, Col, Width));
    guard(mkBinary(BinOp::LOr, cmpInt(BinOp::Lt, Col, RJ.Lo),
                   cmpInt(BinOp::Gt, Col, RJ.Hi),
                   Type::scalar(ScalarKind::Bool)));
    return true;
  }

  /// Adds a guard unless it holds whatever the variables (the two sides
  /// differ by a constant); one that never holds makes the rewrite
  /// impossible (and would be a tautological comparison in the output).
  void guard(ExprP C) {
    for (const ExprP &G : Guards)
      if (sameExpr(G, C))
        return;
    if (C->BOp == BinOp::LOr) {
      std::vector<ExprP> Open;
      for (int K = 0; K < 2; ++K) {
        Fixed F = decide(*C->op(K));
        if (F == Fixed::True)
          return;
        if (F == Fixed::Unknown)
          Open.push_back(C->op(K));
      }
      if (Open.empty())
        Impossible = true;
      else if (Open.size() == 1)
        guard(Open[0]);
      else
        Guards.push_back(C);
      return;
    }
    Fixed F = decide(*C);
    if (F == Fixed::False)
      Impossible = true;
    else if (F == Fixed::Unknown)
      Guards.push_back(C);
  }

  enum class Fixed { True, False, Unknown };

  /// A comparison whose sides differ by a constant, decided.
  static Fixed decide(const Expr &C) {
    Poly A, B;
    long long D;
    if (!expand(C.op(0), A) || !expand(C.op(1), B) ||
        !isConstant(minus(A, B), &D))
      return Fixed::Unknown;
    bool Holds;
    switch (C.BOp) {
    case BinOp::Lt:
      Holds = D < 0;
      break;
    case BinOp::Le:
      Holds = D <= 0;
      break;
    case BinOp::Gt:
      Holds = D > 0;
      break;
    case BinOp::Ge:
      Holds = D >= 0;
      break;
    default:
      return Fixed::Unknown;
    }
    return Holds ? Fixed::True : Fixed::False;
  }

  /// A comparison as P >= 0 (integers: a < b is b - a - 1 >= 0).
  static bool asNonNegative(const Expr &C, Poly &P) {
    Poly A, B;
    if (!C.is(Expr::Kind::Binary) || !expand(C.op(0), A) || !expand(C.op(1), B))
      return false;
    switch (C.BOp) {
    case BinOp::Le:
      P = minus(B, A);
      return true;
    case BinOp::Lt:
      P = minus(minus(B, A), Poly{{{}, 1}});
      return true;
    case BinOp::Ge:
      P = minus(A, B);
      return true;
    case BinOp::Gt:
      P = minus(minus(A, B), Poly{{{}, 1}});
      return true;
    default:
      return false;
    }
  }

  /// Drops a guard Q + c >= 0 when another one, Q + c' >= 0 with c' <= c,
  /// implies it (`0 < m` next to `2 <= m - 3`).
  void dropImpliedGuards() {
    std::vector<Poly> Forms(Guards.size());
    std::vector<bool> Known(Guards.size());
    for (size_t K = 0; K < Guards.size(); ++K)
      Known[K] = asNonNegative(*Guards[K], Forms[K]);
    auto Split = [](Poly P, long long &C) {
      auto It = P.find(Monomial{});
      C = It == P.end() ? 0 : It->second;
      if (It != P.end())
        P.erase(It);
      return P;
    };
    std::vector<ExprP> Kept;
    for (size_t K = 0; K < Guards.size(); ++K) {
      bool Implied = false;
      long long CK = 0, CL = 0;
      Poly QK = Known[K] ? Split(Forms[K], CK) : Poly();
      for (size_t L = 0; L < Guards.size() && Known[K] && !Implied; ++L) {
        if (L == K || !Known[L])
          continue;
        Poly QL = Split(Forms[L], CL);
        Implied = QL == QK && (CL < CK || (CL == CK && L < K));
      }
      if (!Implied)
        Kept.push_back(Guards[K]);
    }
    Guards = std::move(Kept);
  }

  /// E at the source t - (Di, Dj), indices tidied (`i*n + j + 1`).
  ExprP shifted(const ExprP &E, long long Di, long long Dj) const {
    ExprP S = substituteVars(E, {{I.get(), offsetBy(mkVar(I), -Di)},
                                 {J.get(), offsetBy(mkVar(J), -Dj)}});
    return rewriteExpr(S, [](const ExprP &X) -> ExprP {
      if (!X->is(Expr::Kind::Index))
        return nullptr;
      return mkIndex(X->op(0), offsetBy(X->op(1), 0), X->Loc);
    });
  }

  StmtP nest(const ExprP &ILo, const ExprP &IHi, const ExprP &JLo,
             const ExprP &JHi, StmtList Body, SrcLoc L) const {
    StmtList InnerBody;
    InnerBody.push_back(forUp(J, JLo, JHi, std::move(Body), L));
    return forUp(I, ILo, IHi, std::move(InnerBody), L);
  }

  StmtP addTo(const ExprP &Index, ExprP Rhs, SrcLoc L) const {
    return mkAssign(mkIndex(mkVar(Y), Index, L), AssignOp::Add, std::move(Rhs),
                    L);
  }

  StmtList fastPath() {
    SrcLoc L = Outer.Loc;
    long long MaxI = 0, MinI = 0, MaxJ = 0, MinJ = 0;
    for (const Term &T : Terms) {
      MaxI = std::max(MaxI, T.Di), MinI = std::min(MinI, T.Di);
      MaxJ = std::max(MaxJ, T.Dj), MinJ = std::min(MinJ, T.Dj);
    }
    Range GI{offsetBy(RI.Lo, MaxI), offsetBy(RI.Hi, MinI)};
    Range GJ{offsetBy(RJ.Lo, MaxJ), offsetBy(RJ.Hi, MinJ)};
    StmtList Out;
    // The outer statements, in a loop of their own.
    StmtP Rest = mkStmt(Stmt::Kind::For, Outer.Loc);
    Rest->Comment = Outer.Comment;
    Rest->ForInit = cloneList(Outer.ForInit);
    Rest->Cond = Outer.Cond;
    Rest->ForInc = cloneList(Outer.ForInc);
    for (const StmtP &S : Outer.Body)
      if (S.get() != Inner)
        Rest->Body.push_back(cloneStmt(*S));
    if (!Rest->Body.empty())
      Out.push_back(std::move(Rest));
    // The block every term reaches: one gather per element.
    ExprP Sum;
    for (const Term &T : Terms)
      Sum = add(Sum, shifted(T.Rhs, T.Di, T.Dj));
    StmtList GBody;
    GBody.push_back(addTo(Terms[0].Index, Sum, L));
    Out.push_back(nest(GI.Lo, GI.Hi, GJ.Lo, GJ.Hi, std::move(GBody), L));
    Out.back()->Comment = "the block all terms reach, gathered";
    // The edges: for each term, the sources whose element lies outside the
    // block, in strips of constant width.
    bool First = true;
    for (const Term &T : Terms) {
      auto Strip = [&](const ExprP &ILo, const ExprP &IHi, const ExprP &JLo,
                       const ExprP &JHi) {
        StmtList B;
        B.push_back(addTo(T.Index, T.Rhs, T.Loc));
        Out.push_back(nest(ILo, IHi, JLo, JHi, std::move(B), L));
        if (First)
          Out.back()->Comment = "the edges: terms outside the block";
        First = false;
      };
      // Rows [Li, Li + MaxI - Di - 1] and [Ui + MinI - Di + 1, Ui], whole.
      if (MaxI > T.Di)
        Strip(RI.Lo, offsetBy(RI.Lo, MaxI - T.Di - 1), RJ.Lo, RJ.Hi);
      if (T.Di > MinI)
        Strip(offsetBy(RI.Hi, MinI - T.Di + 1), RI.Hi, RJ.Lo, RJ.Hi);
      // The rows between: the columns at either end.
      ExprP MLo = offsetBy(RI.Lo, MaxI - T.Di),
            MHi = offsetBy(RI.Hi, MinI - T.Di);
      if (MaxJ > T.Dj)
        Strip(MLo, MHi, RJ.Lo, offsetBy(RJ.Lo, MaxJ - T.Dj - 1));
      if (T.Dj > MinJ)
        Strip(MLo, MHi, offsetBy(RJ.Hi, MinJ - T.Dj + 1), RJ.Hi);
    }
    // Then the zeroing.
    StmtList ZBody;
    for (const Zeroing &Z : Zeros)
      ZBody.push_back(mkAssign(mkIndex(mkVar(Z.Array), Z.Index, Z.Loc),
                               AssignOp::Set, lit(0, Z.Array->Ty.element()),
                               Z.Loc));
    if (!ZBody.empty())
      Out.push_back(nest(RI.Lo, RI.Hi, RJ.Lo, RJ.Hi, std::move(ZBody), L));
    // The block is not empty.
    std::vector<ExprP> Others = std::move(Guards);
    Guards.clear();
    guard(cmpInt(BinOp::Le, GI.Lo, GI.Hi));
    guard(cmpInt(BinOp::Le, GJ.Lo, GJ.Hi));
    for (const ExprP &G : Others)
      guard(G);
    return Out;
  }

  /// Each zeroed array is addressed one-to-one by the nest: its rows,
  /// Uj - Lj + 1 elements apart at most, do not overlap.
  bool injective() {
    for (const Zeroing &Z : Zeros) {
      Poly SjZ, BZ;
      long long One;
      if (!splitBy(Z.Rest, J.get(), SjZ, BZ) || !isConstant(SjZ, &One) ||
          One != 1 || Z.Stride.empty())
        return false;
      for (const auto &M : Z.Stride)
        for (const VarP &V : M.first)
          if (Varying.count(V.get()) || V == J)
            return false;
      Type T = I->Ty.unqualified();
      guard(cmpInt(BinOp::Lt, mkBinary(BinOp::Sub, RJ.Hi, RJ.Lo, T),
                   toExpr(Z.Stride, T)));
    }
    return true;
  }

public:
  explicit NestRewriter(Stmt &Outer) : Outer(Outer) {}

  /// The nest, or `if (guards) { rewritten } else { the nest }`.
  StmtP run(StmtP Self) {
    if (!findInner() || !isCanonicalFor(*Inner))
      return Self;
    I = Outer.ForInit[0]->V;
    J = Inner->ForInit[0]->V;
    collectWrites(Outer.Body, Varying);
    Varying.insert(I.get());
    RI = rangeOf(Outer);
    RJ = rangeOf(*Inner);
    for (const ExprP &E : {RJ.Lo, RJ.Hi, RI.Lo, RI.Hi})
      if (mentions(E, Varying) || E->isUserCall())
        return Self;
    if (!analyzeInner() || !shifts() || !injective() ||
        !outerStatementsCommute())
      return Self;
    StmtList Fast = fastPath();
    if (Impossible)
      return Self;
    dropImpliedGuards();
    ExprP Cond;
    for (const ExprP &G : Guards)
      Cond =
          Cond ? mkBinary(BinOp::LAnd, Cond, G, Type::scalar(ScalarKind::Bool))
               : G;
    const char *Why = "a 2-D stencil's transpose, as a gather";
    if (!Cond) { // constant bounds: nothing to test
      StmtP Block = mkStmt(Stmt::Kind::Block, Self->Loc);
      Block->Comment = Why;
      Block->Body = std::move(Fast);
      return Block;
    }
    StmtP If = mkStmt(Stmt::Kind::If, Self->Loc);
    If->Cond = Cond;
    If->Body = std::move(Fast);
    If->HasElse = true;
    If->Comment = std::string(Why) + " when the grid allows it";
    If->Else.push_back(std::move(Self));
    return If;
  }
};

} // namespace

void gatherStencils(StmtList &L) {
  for (StmtP &S : L) {
    if (S->is(Stmt::Kind::For) && !S->Parallel && isCanonicalFor(*S)) {
      Stmt &Loop = *S;
      S = NestRewriter(Loop).run(std::move(S));
      if (!S->is(Stmt::Kind::For))
        continue; // rewritten
    }
    for (StmtList *Sub : {&S->Body, &S->Else})
      gatherStencils(*Sub);
  }
}

} // namespace tad
