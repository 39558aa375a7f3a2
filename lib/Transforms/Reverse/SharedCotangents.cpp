//===- Transforms/Reverse/SharedCotangents.cpp - atomics in VJP kernels ---===//
#include "Transforms/Reverse/SharedCotangents.h"
#include "Analysis/ThreadIndex.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"

#include <map>
#include <optional>
#include <set>

namespace tad {

bool isDeviceCode(const Function &F) {
  return F.Qualifiers & (QGlobal | QDevice);
}

namespace {

/// The location of an accumulation, as far as threads are concerned.
enum class Where {
  Own,     ///< the thread's own element
  Uniform, ///< the same address in every thread
  Any,     ///< an element other threads may reach
};

bool isLiteral(const ExprP &E) {
  const Expr *X = E.get();
  while (X && X->is(Expr::Kind::Cast))
    X = X->op(0).get();
  return X && X->is(Expr::Kind::Lit);
}

class Rewriter {
  const std::set<const Var *> Shared, Scalars, Block;
  const ThreadIndex Index;
  const bool Kernel, HostToo;
  /// Per shared array: whether every accumulation into it is at the
  /// thread's own index.
  std::map<const Var *, bool> AllOwn;
  /// Per __shared__ cotangent: the offset c of `threadIdx.x + c` common to
  /// every accumulation into it, if there is one.
  std::map<const Var *, std::optional<long long>> BlockOffset;

  /// The pointer variable P of `P[e]` or `*P`, if the LHS is one of ours.
  const Var *target(const Stmt &S) const {
    if (!S.is(Stmt::Kind::Assign) ||
        (S.AOp != AssignOp::Add && S.AOp != AssignOp::Sub))
      return nullptr;
    const Expr &L = *S.LHS;
    VarP R = L.is(Expr::Kind::Unary) && L.UOp == UnOp::Deref ? rootVar(L.op(0))
                                                             : rootVar(S.LHS);
    if (!R || (!Shared.count(R.get()) && !Scalars.count(R.get()) &&
               !Block.count(R.get())))
      return nullptr;
    return R.get();
  }

  Where where(const Stmt &S, const Var *P) const {
    const Expr &L = *S.LHS;
    bool Direct = (L.is(Expr::Kind::Index) || L.is(Expr::Kind::Unary)) &&
                  L.op(0)->is(Expr::Kind::VarRef) && L.op(0)->V.get() == P;
    if (!Direct)
      return Where::Any;
    if (L.is(Expr::Kind::Unary))
      return L.UOp == UnOp::Deref ? Where::Uniform : Where::Any;
    if (isLiteral(L.op(1)))
      return Where::Uniform;
    return Index.owns(L.op(1)) ? Where::Own : Where::Any;
  }

  void survey(const StmtList &L) {
    for (const StmtP &S : L) {
      if (const Var *P = target(*S))
        if (Shared.count(P)) {
          auto It = AllOwn.emplace(P, true).first;
          It->second = It->second && where(*S, P) == Where::Own;
        }
      if (const Var *P = target(*S))
        if (Block.count(P)) {
          std::optional<long long> C;
          if (S->LHS->is(Expr::Kind::Index) &&
              S->LHS->op(0)->is(Expr::Kind::VarRef))
            C = Index.blockOffset(S->LHS->op(1));
          auto [It, New] = BlockOffset.emplace(P, C);
          if (!New && It->second != C)
            It->second = std::nullopt;
        }
      for (const StmtList *C : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        survey(*C);
    }
  }

  StmtP atomic(const Stmt &S, const char *Callee) const {
    Type Elem = S.LHS->Ty.unqualified();
    Type Ptr = Elem;
    Ptr.IsPointer = true;
    ExprP Addr = S.LHS->is(Expr::Kind::Unary)
                     ? S.LHS->op(0)
                     : mkUnary(UnOp::AddrOf, S.LHS, Ptr, S.LHS->Loc);
    ExprP V = convert(S.AOp == AssignOp::Sub ? neg(S.RHS) : S.RHS, Elem);
    StmtP Out = mkExprStmt(mkUserCall(Callee, nullptr, {Addr, V},
                                      Type::scalar(ScalarKind::Void), S.Loc),
                           S.Loc);
    Out->Comment = S.Comment;
    return Out;
  }

  void rewrite(StmtList &L) {
    for (StmtP &S : L) {
      for (StmtList *C : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        rewrite(*C);
      const Var *P = target(*S);
      if (!P)
        continue;
      bool Scalar = Scalars.count(P);
      if (Scalar && !Kernel)
        continue; // the calling thread's own accumulator
      if (Block.count(P)) {
        // Shared memory of the block: atomicAdd works on it as on global
        // memory.
        if (!BlockOffset[P])
          S = atomic(*S, where(*S, P) == Where::Uniform ? "tad::reduce_add"
                                                        : "atomicAdd");
        continue;
      }
      if (!Scalar && AllOwn[P])
        continue;
      // One address for all threads only through a kernel's own
      // parameter: a __device__ function's callers may pass each thread
      // another array.
      if (Kernel && where(*S, P) == Where::Uniform)
        S = atomic(*S, "tad::reduce_add");
      else
        S = atomic(*S, HostToo ? "tad::atomic_add" : "atomicAdd");
    }
  }

public:
  Rewriter(const Function &G, const std::vector<const Var *> &SharedArrays,
           const std::vector<const Var *> &ScalarPtrs,
           const std::vector<const Var *> &BlockArrays)
      : Shared(SharedArrays.begin(), SharedArrays.end()),
        Scalars(ScalarPtrs.begin(), ScalarPtrs.end()),
        Block(BlockArrays.begin(), BlockArrays.end()), Index(G.Body),
        Kernel(G.Qualifiers & QGlobal), HostToo(G.Qualifiers & QHost) {}

  void run(StmtList &Body) {
    survey(Body);
    rewrite(Body);
  }
};

bool pushesTo(const ExprP &E, const std::string &Push) {
  if (!E)
    return false;
  if (E->is(Expr::Kind::Call) && E->Callee.rfind(Push, 0) == 0)
    return true;
  for (const ExprP &O : E->Ops)
    if (pushesTo(O, Push))
      return true;
  return false;
}

bool pushesTo(const StmtList &L, const std::string &Push) {
  for (const StmtP &S : L) {
    for (const ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
      if (pushesTo(*E, Push))
        return true;
    for (const StmtList *C : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      if (pushesTo(*C, Push))
        return true;
  }
  return false;
}

/// The outermost loop of L whose body pushes to the tape.
const Stmt *loopThatPushes(const StmtList &L, const std::string &Push) {
  for (const StmtP &S : L) {
    bool Loop = S->is(Stmt::Kind::For) || S->is(Stmt::Kind::While) ||
                S->is(Stmt::Kind::DoWhile);
    if (Loop && pushesTo(S->Body, Push))
      return S.get();
    for (const StmtList *C : {&S->Body, &S->Else})
      if (const Stmt *In = loopThatPushes(*C, Push))
        return In;
  }
  return nullptr;
}

/// `for (unsigned _k = First; _k < N; _k += Stride) C[_k] = 0;`
void zeroSharedArray(const VarP &C, const ExprP &First, const ExprP &Stride,
                     NameTable &Names, StmtList &Out) {
  Type U = Type::integer("unsigned");
  U.Unsigned = true;
  VarP K = makeVar(Names.fresh("_k"), U, C->Loc);
  StmtP Zero = mkStmt(Stmt::Kind::For);
  Zero->ForInit.push_back(mkDecl(K, First));
  Zero->Cond = mkBinary(BinOp::Lt, mkVar(K), lit(double(C->Dims[0]), U),
                        Type::scalar(ScalarKind::Bool));
  Zero->ForInc.push_back(mkAssign(mkVar(K), AssignOp::Add, Stride));
  Zero->Body.push_back(mkAssign(mkIndex(mkVar(C), mkVar(K)), AssignOp::Set,
                                lit(0, C->Ty.unqualified())));
  Out.push_back(std::move(Zero));
}

} // namespace

void makeSharedAccumulationsSafe(Function &G,
                                 const std::vector<const Var *> &SharedArrays,
                                 const std::vector<const Var *> &Scalars,
                                 const std::vector<const Var *> &BlockArrays) {
  if (!isDeviceCode(G))
    return;
  Rewriter(G, SharedArrays, Scalars, BlockArrays).run(G.Body);
}

StmtList zeroSharedCotangents(const StmtList &Decls, const StmtList &Primal,
                              NameTable &Names,
                              std::vector<const Var *> &Shared) {
  StmtList Out;
  Type U = Type::integer("unsigned");
  U.Unsigned = true;
  Type Builtin = U;
  Builtin.Const = true;
  auto B = [&](const char *Name) { return mkVar(makeVar(Name, Builtin, {})); };
  auto Mul = [&](ExprP L, ExprP R) {
    return mkBinary(BinOp::Mul, std::move(L), std::move(R), U);
  };
  auto Add = [&](ExprP L, ExprP R) {
    return mkBinary(BinOp::Add, std::move(L), std::move(R), U);
  };
  // Each thread zeroes the elements threadIdx.x + k blockDim.x; in a
  // function that reads .y or .z of the built-ins, those of its linear
  // index in the block, by the number of threads of the block.
  ExprP First = B("threadIdx.x"), Stride = B("blockDim.x");
  for (const StmtP &D : Decls) {
    if (!D->is(Stmt::Kind::Decl) || !D->V->Shared)
      continue;
    if (Out.empty() && !ThreadIndex(Primal).oneDimensional()) {
      VarP Tid = makeVar(Names.fresh("_tid"), U, D->V->Loc);
      Tid->Ty.Const = true;
      Out.push_back(
          mkDecl(Tid, Add(B("threadIdx.x"),
                          Mul(B("blockDim.x"),
                              Add(B("threadIdx.y"),
                                  Mul(B("blockDim.y"), B("threadIdx.z")))))));
      First = mkVar(Tid);
      Stride = Mul(Mul(Stride, B("blockDim.y")), B("blockDim.z"));
    }
    Shared.push_back(D->V.get());
    zeroSharedArray(D->V, First, Stride, Names, Out);
  }
  if (!Out.empty())
    Out.push_back(mkExprStmt(mkUserCall("__syncthreads", nullptr, {},
                                        Type::scalar(ScalarKind::Void))));
  return Out;
}

bool checkNoDeviceTape(const Function &G, const StmtList &Primal,
                       const VarP &Tape, DiagSink &Diags) {
  if (!Tape || !isDeviceCode(G))
    return true;
  const Stmt *Loop = loopThatPushes(Primal, Tape->Name + ".push");
  Diags.error(Loop ? Loop->Loc : G.Loc,
              "reverse mode of this loop in device code needs a tape for the "
              "values of its iterations, and tad's tape is host memory: not "
              "supported in a __global__ or __device__ function yet");
  return false;
}

} // namespace tad
