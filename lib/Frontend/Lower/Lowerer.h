//===- Frontend/Lower/Lowerer.h - Clang AST to tad IR -----------*- C++ -*-===//
//
// The lowering of one function definition, shared by the files of
// Frontend/Lower (one concern each: types and values, expressions, calls,
// statements, the function). Everything outside the supported subset is an
// error at the construct's own location that says what it is and why tad
// rejects it; the first error ends the lowering (LoweringError).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_FRONTEND_LOWER_LOWERER_H
#define TAD_FRONTEND_LOWER_LOWERER_H

#include "Frontend/Frontend.h"
#include "Frontend/Stack.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>

namespace tad {

/// The first `continue` (J = ContinueStmt) or `break` (BreakStmt) in S
/// that leaves the loop or switch S belongs to: not one of a loop, a
/// lambda or (for a break) a switch nested in S.
template <typename J> const J *ownJump(const clang::Stmt *S) {
  if (!S)
    return nullptr;
  if (const auto *X = llvm::dyn_cast<J>(S))
    return X;
  if (llvm::isa<clang::ForStmt>(S) || llvm::isa<clang::WhileStmt>(S) ||
      llvm::isa<clang::DoStmt>(S) || llvm::isa<clang::CXXForRangeStmt>(S) ||
      llvm::isa<clang::LambdaExpr>(S) ||
      (std::is_same<J, clang::BreakStmt>::value &&
       llvm::isa<clang::SwitchStmt>(S)))
    return nullptr;
  for (const clang::Stmt *C : S->children())
    if (const J *X = ownJump<J>(C))
      return X;
  return nullptr;
}

/// Thrown out of the lowering of one function at its first error; the
/// error has been reported by then.
struct LoweringError {};

/// Sizes and positions (Positions.cpp), shared by the lowering of
/// containers, algorithms and iterators: std::size_t, X as one, sums and
/// differences folded where literals allow.
Type sizeType();
ExprP asSize(ExprP X);
ExprP addSize(ExprP A, ExprP B, SrcLoc L);
ExprP subSize(ExprP A, ExprP B, SrcLoc L);
/// E without the conversions, temporaries and iterator copies around it.
const clang::Expr *withoutCopies(const clang::Expr *E);

class Lowerer {
  using SourceLocation = clang::SourceLocation;
  using QualType = clang::QualType;

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  ClangDiagSink &Diags;
  std::map<const clang::ValueDecl *, VarP> Vars;
  std::map<std::string, VarP> CudaBuiltins;
  /// Nesting of loops, so that break/continue can be checked.
  unsigned LoopDepth = 0;
  /// Local references (`double &r = a[i];`, a range-for's `double &x`):
  /// aliases resolved at lowering to the lvalue they name (an index that
  /// may change is frozen in a constant local first).
  std::map<const clang::ValueDecl *, ExprP> Aliases;
  /// Multi-dimensional local arrays, lowered flat: their extents.
  std::map<const Var *, std::vector<std::uint64_t>> Shapes;
  /// The function being lowered, and the names in it (for freshName).
  const clang::FunctionDecl *CurFD = nullptr;
  std::set<std::string> UsedNames;
  bool NamesCollected = false;
  /// A call that passes a variable or an element to a `T &` parameter
  /// passes a one-element copy (tad assumes reference arguments overlap
  /// nothing else the callee reaches, as for arrays): the copy's
  /// declaration goes before the statement (PreCall), the copy back after
  /// it (PostCall). Only where the statement is a call, an assignment or a
  /// declaration (CopyBack), not in a for header (NoCopyBack).
  StmtList PreCall, PostCall;
  /// Scalar locals declared without a value and not written yet, with the
  /// loop depth of their declaration: passed by reference at that depth
  /// (`double s, c; sincos(t, &s, &c);`), their copy starts at zero
  /// instead of reading them uninitialized.
  std::map<const clang::ValueDecl *, unsigned> Unwritten;
  bool CopyBack = false;
  unsigned NoCopyBack = 0;
  /// S with the copies of its reference arguments around it.
  void flushCalls(StmtP S, StmtList &Out);
  /// A call of a function returning a `T &` whose body is `return <an
  /// element or a variable>;`: the lvalue it returns, with the callee's
  /// parameters replaced by the arguments (`at(a, i) = v` is `a[i] = v`).
  ExprP referenceCall(const clang::CallExpr *CE);
  unsigned ReferenceCallDepth = 0;
  /// Local pointers into an array, as (the array, an integer offset
  /// local): `const double *row = A + i*n;` declares `int row_off = i*n;`
  /// and row[j] is A[row_off + j].
  struct PointerLocal {
    VarP Base, Off;
  };
  std::map<const clang::ValueDecl *, PointerLocal> PointerLocals;
  void pointerLocal(const clang::VarDecl *VD, StmtList &Out);
  /// `p = q`, `p += k`, `++p`, ... on a local pointer; false if E is not
  /// one.
  bool pointerUpdate(const clang::Expr *E, StmtList &Out);
  static bool distinctElements(const ExprP &A, const ExprP &B);
  /// The argument A for the `T &` parameter P of FD.
  /// AddressOf: A is `&x` of a scalar for a pointer parameter (the copy is
  /// a one-element array).
  ExprP referenceArg(const clang::Expr *A, const clang::ParmVarDecl *P,
                     const clang::FunctionDecl *FD,
                     const std::vector<ExprP> &Before, bool AddressOf = false);

  [[noreturn]] void fail(SourceLocation L, const std::string &Msg) {
    Diags.errorAt(L, Msg);
    throw LoweringError();
  }

  /// How deep expr() and stmt() are nested, bounded by MaxNestingDepth:
  /// every later pass recurses as deep, on the stack runOnLargeStack gives.
  unsigned Nesting = 0;
  struct Nest {
    Lowerer &Low;
    Nest(Lowerer &Low, SourceLocation At) : Low(Low) {
      if (++Low.Nesting <= MaxNestingDepth)
        return;
      --Low.Nesting;
      Low.fail(At, "this is nested too deeply for tad: more than " +
                       std::to_string(MaxNestingDepth) +
                       " levels of operators, calls and statements; split "
                       "the expression into statements");
    }
    ~Nest() { --Low.Nesting; }
  };

  SrcLoc loc(SourceLocation L) const {
    SrcLoc S;
    if (L.isInvalid())
      return S;
    SourceLocation E = SM.getExpansionLoc(L);
    S.Line = SM.getExpansionLineNumber(E);
    S.Col = SM.getExpansionColumnNumber(E);
    S.Handle = static_cast<std::uint64_t>(E.getRawEncoding()) + 1;
    return S;
  }

  std::string sourceText(clang::SourceRange R) const {
    return clang::Lexer::getSourceText(clang::CharSourceRange::getTokenRange(R),
                                       SM, Ctx.getLangOpts())
        .str();
  }

  // Types and values (Types.cpp).
  /// The IR scalar type of QT, if it is one tad models.
  std::optional<Type> scalarType(QualType QT);
  /// Scalars, and pointers to scalars; What names the thing for messages.
  Type lowerType(QualType QT, SourceLocation L, const std::string &What);
  /// The variable of a declaration: a parameter or local already declared,
  /// or a global read as a constant.
  VarP varFor(const clang::ValueDecl *D, SourceLocation L);
  /// A local variable's IR variable (scalars and fixed-size arrays).
  VarP declareLocal(const clang::VarDecl *VD);
  void checkSharedLocal(const clang::VarDecl *VD);
  ExprP literal(const clang::Expr *E, double Value, QualType QT);

  // Structs (Records.cpp).
  std::map<const clang::RecordDecl *, std::shared_ptr<const Record>> Records;
  std::map<const Record *, const clang::RecordDecl *> RecordDecls;
  /// The struct type QT names (null if it is not a struct); fails on
  /// structs tad does not model (unions, bases, constructors, pointers).
  std::shared_ptr<const Record> recordOf(QualType QT, SourceLocation L,
                                         const std::string &What);
  /// R has a pointer member (a view), itself or in a nested struct.
  static bool hasPointerMember(const Record &R);
  /// The name of a multi-dimensional array member of R (at any depth:
  /// "p.m"), or "".
  std::string multiDimMember(const Record &R);
  /// Fails at L when the struct type T has a pointer member: What (a
  /// local, a copy) would set a pointer tad cannot follow.
  void noViewCopy(const Type &T, clang::SourceLocation L,
                  const std::string &What);
  /// V's field variables, if V is a struct (or an array of, a pointer or a
  /// reference to structs).
  void declareFields(const VarP &V, SourceLocation L);
  /// A struct lvalue: a struct variable, member, element, or reference.
  ExprP recordPlace(const clang::Expr *E);
  /// `c ? p : q` of structs: a local set by an if before the statement.
  ExprP chosenRecord(const clang::ConditionalOperator *CO);
  /// `s.f`, `p->f`, `b[i].f`.
  ExprP member(const clang::MemberExpr *ME);
  /// The statements that give the struct Dst the value of Init (a braced
  /// list, a copy, or null: its default member initializers).
  void initRecord(const ExprP &Dst, const clang::Expr *Init, StmtList &Out);
  /// The statements of the constructor call CE on Dst: its parameters
  /// bound to the arguments, its member initializers, its body (with
  /// `this` Dst).
  void construct(const ExprP &Dst, const clang::CXXConstructExpr *CE,
                 StmtList &Out);
  unsigned ConstructDepth = 0;
  /// The declaration of a struct local and its initialisation.
  void recordLocal(const VarP &V, const clang::VarDecl *VD, StmtList &Out);
  /// `a = b` of structs, field by field; false if E is not one.
  bool recordAssign(const clang::Expr *E, StmtList &Out);
  /// A struct value for a `return`: a struct place or a call returning a
  /// struct, or a local filled with the value (declared in Out).
  ExprP recordValue(const clang::Expr *E, StmtList &Out);
  /// In a member function (or a call of one returning a reference): the
  /// object, `*this`.
  ExprP ThisPlace;
  /// A member function returning `*this` by reference (`operator+=`):
  /// lowered as returning nothing.
  bool ReturnsThis = false;
  /// Lowering a `return`'s value: a struct a call returns may be held in
  /// a local declared before the statement (PreCall), as in a declaration
  /// or an assignment.
  bool InReturn = false;
  /// The implicit object of a member call (null for free and static
  /// functions), and the arguments after it.
  ExprP callObject(const clang::CallExpr *CE,
                   std::vector<const clang::Expr *> &Args);
  /// Fails when a member of a struct argument of CE is passed by
  /// reference too and the callee writes one of them: tad binds the struct
  /// and copies the member, which C++ would alias.
  void checkStructOverlaps(const clang::CallExpr *CE,
                           const clang::FunctionDecl *FD, const ExprP &Object,
                           const std::vector<const clang::Expr *> &Exprs,
                           const std::vector<ExprP> &Args);

  // Expressions (Exprs.cpp).
  ExprP expr(const clang::Expr *E);
  /// Sub converted to To (a cast node unless the types agree).
  ExprP lowerCastTo(const clang::Expr *Sub, QualType To, SourceLocation L,
                    bool Implicit);
  /// The base of a subscript or a pointer argument: an array variable.
  ExprP arrayBase(const clang::Expr *E, const char *Use);
  /// An assignment target: a variable or an element.
  ExprP lvalue(const clang::Expr *E);
  /// A branch or loop condition.
  ExprP condition(const clang::Expr *C);
  /// An `if` condition, which may hoist statements before its branch (an
  /// algorithm, a call passing a reference): those go to Out and the
  /// condition becomes a constant flag they leave.
  ExprP hoistedCondition(const clang::Expr *C, SrcLoc L, StmtList &Out);
  /// The condition of a loop: the expression, or, where it needs
  /// statements first (hoistedCondition), null after appending them and
  /// `if (!_cond) break;` to Top, to run where the loop tests it.
  ExprP loopCondition(const clang::Expr *C, SrcLoc L, StmtList &Top);

  // Calls and the standard library (Calls.cpp).
  static bool isLibraryFunction(const clang::FunctionDecl *FD,
                                const clang::SourceManager &SM);
  ExprP call(const clang::CallExpr *CE);
  /// Whether a value of type T holds floating-point data (directly, or
  /// through a pointer, an array, a base or a field).
  bool holdsFloats(QualType T);

  // Statements (Stmts.cpp).
  void stmt(const clang::Stmt *S, StmtList &Out);
  StmtList body(const clang::Stmt *S);
  void declStmt(const clang::DeclStmt *DS, StmtList &Out);
  /// An expression evaluated as a statement.
  void exprStmt(const clang::Expr *E, StmtList &Out);
  void checkNoConditionVariable(const clang::Stmt *S, const clang::VarDecl *CV);
  /// `#pragma omp parallel for` and its loop, `#pragma omp atomic` and
  /// its update (OpenMP.cpp).
  void ompDirective(const clang::OMPExecutableDirective *D, StmtList &Out);
  /// CUDA's `atomicAdd(&x, v);` as a statement: `x += v`, atomic; false
  /// if CE is another call (OpenMP.cpp).
  bool atomicAdd(const clang::CallExpr *CE, StmtList &Out);

  /// An operand evaluated only when a condition holds (an arm of `?:`,
  /// the right side of `&&` or `||`): the statements it hoists before
  /// its statement (an algorithm's loop, a struct a call returns, a
  /// reference argument's copy) run only under that condition, kept in a
  /// constant flag (Flag) the operator then reads instead of Cond; their
  /// declarations stay outside, zero-initialised (Exprs.cpp).
  struct Guard {
    ExprP Cond;
    VarP Flag;
    SrcLoc Loc;
    /// What the operator tests: the flag once an operand needed it.
    ExprP test() const { return Flag ? mkVar(Flag, Loc) : Cond; }
  };
  ExprP guardedOperand(const clang::Expr *E, Guard &G, bool Negate);

  // C++ statements and locals lowered to the C subset (Cxx.cpp).
  /// A name for a local tad introduces, used by nothing in the function.
  std::string freshName(const std::string &Base);
  /// switch as a sequence of ifs, fall-through made explicit.
  void switchStmt(const clang::SwitchStmt *SS, StmtList &Out);
  /// Range-based for over a fixed-size array as an indexed loop.
  void rangeFor(const clang::CXXForRangeStmt *RS, StmtList &Out);
  /// A local reference: an alias (or, bound to a temporary, a constant).
  /// frozen: the element A with a varying index frozen in a constant
  /// local named after the reference Name (declared in Out).
  ExprP frozen(const ExprP &A, const std::string &Name, clang::SourceLocation L,
               StmtList &Out);
  void referenceLocal(const clang::VarDecl *VD, StmtList &Out);
  /// a[i][j] of a multi-dimensional local array, as a[i * n + j]; null
  /// when ASE is not rooted at one.
  /// Row: a sub-array (m[i] of a 2-D m) is a pointer into the array.
  ExprP multiSubscript(const clang::ArraySubscriptExpr *ASE, bool Row = false);
  /// The flat initializer list of a multi-dimensional local array.
  void flattenInit(const clang::Expr *E, const std::vector<std::uint64_t> &Dims,
                   unsigned Level, const Type &Elt, std::vector<ExprP> &Out);
  /// A parameter of reference type that tad lowers: `const T &` as a T,
  /// `T (&)[N]` as a pointer; nullopt for the others.
  std::optional<Type> referenceParamType(clang::QualType QT, SourceLocation L,
                                         const std::string &What);

  // Standard containers (Containers.cpp): std::vector<T> and
  // std::array<T, N> of scalars, lowered as arrays (Type::Cont).
  struct ContainerInfo {
    Container Kind = Container::None;
    QualType Elt;
    /// The element's type: a scalar, or a struct (std::vector<Body>).
    Type EltTy;
    std::uint64_t N = 0; ///< std::array's N
  };
  /// The container QT is (a std::vector or std::array of scalars, a
  /// std::vector of structs); fails on containers of other elements;
  /// nullopt for other types.
  std::optional<ContainerInfo> containerOf(QualType QT, SourceLocation L);
  /// Refuses What, a change of size or a whole copy of a std::vector of
  /// structs.
  [[noreturn]] void failStructVector(SourceLocation L, const std::string &What);
  /// Checks a local std::vector of structs: sized only, of a struct whose
  /// value-initialized elements are zero.
  void structVectorLocal(const clang::VarDecl *VD, const Record &R);
  /// The type of a parameter `const std::vector<T> &` (an input array) or
  /// `std::vector<T> &` (in-out), and of std::array's; nullopt for other
  /// types; fails on containers passed by value.
  std::optional<Type> containerParamType(QualType QT, SourceLocation L,
                                         const std::string &What);
  /// The declaration of a local container (false if VD is not one): its
  /// size, and its elements' values where given.
  bool containerLocal(const clang::VarDecl *VD, StmtList &Out);
  /// The container variable E names (null if E is not a container).
  ExprP containerVar(const clang::Expr *E);
  /// v[i], v.at(i), v.size(), v.data(), v.front(), v.back(), v.empty() of
  /// a container; null if CE is not a call on one.
  ExprP containerExpr(const clang::CallExpr *CE);
  /// v.push_back(x), v.resize(n), v.assign(n, x), v.clear(), v = w, ...
  /// as statements; false if E is not one.
  bool containerStmt(const clang::Expr *E, StmtList &Out);
  /// `for (std::size_t _k = From; _k < To; ++_k) Body(_k)`.
  StmtP indexLoop(ExprP From, ExprP To, SrcLoc Loc,
                  const std::function<void(const ExprP &, StmtList &)> &Body);

  // <algorithm> and <numeric> on ranges (Algorithms.cpp).
  /// A position in a range: an element of Base at offset Off (a
  /// std::size_t); Root names the variable, so that two ends can be
  /// checked to be of one range.
  struct Position {
    ExprP Base;
    const Var *Root = nullptr;
    ExprP Off;
  };
  /// `v.begin()`, `v.end()`, `a`, `a + n`, moved by `+ k`, `- k`; nullopt
  /// for other expressions.
  std::optional<Position> position(const clang::Expr *E);
  /// position(E), or an error naming the algorithm Algo.
  Position rangeStart(const clang::Expr *E, const std::string &Algo);
  /// [First, Last): its start and the offset of its end.
  std::pair<Position, ExprP> range(const clang::Expr *First,
                                   const clang::Expr *Last,
                                   const std::string &Algo);
  ExprP element(const Position &P, ExprP K, SrcLoc L);
  /// Iterators of std::vector (Algorithms.cpp), followed as local pointers
  /// are: an offset into one container. `auto it = v.begin()` (also end,
  /// cbegin, cend, moved by `+ k`); false if VD is no iterator.
  bool iteratorLocal(const clang::VarDecl *VD, StmtList &Out);
  /// `*it`, `it[k]`, `it != q`, `it - q` on iterators; null if CE is no
  /// operator of an iterator.
  ExprP iteratorExpr(const clang::CallExpr *CE);
  /// `++it`, `it += k`, `it = q` as statements; false if E is none.
  bool iteratorUpdate(const clang::Expr *E, StmtList &Out);
  /// `p < q`, `p != q`, `p - q` of two pointers into one array: the same of
  /// their offsets. Null if either is not a pointer into an array.
  ExprP pointerCompare(const clang::BinaryOperator *BO);
  bool arrayPointer(const clang::Expr *E);
  /// Fails unless the loops of an algorithm in an expression may go before
  /// the statement (PreCall).
  void hoistHere(SourceLocation L, const std::string &Algo);
  /// std::fill, std::copy, std::swap as statements; false if E is not one.
  bool algorithmStmt(const clang::Expr *E, StmtList &Out);
  /// std::accumulate, std::inner_product, std::min/max of a braced list,
  /// `*std::max_element(...)`, `std::max_element(...) - first`; null if
  /// CE is none of them; fails on the other uses of these algorithms.
  ExprP algorithm(const clang::CallExpr *CE);
  /// The index of the extremum CE finds (its loop in PreCall); its range
  /// is left in LastExtremum.
  ExprP extremum(const clang::CallExpr *CE, const std::string &Algo);
  Position LastExtremum;
  [[noreturn]] void failResultUse(SourceLocation L, const std::string &Algo);
  /// Fails at CE: Algo with arguments other than the forms tad models.
  [[noreturn]] void badArguments(const clang::CallExpr *CE,
                                 const std::string &Algo);
  /// `*It` and `It - First` of a std::max_element/min_element call It;
  /// null if It is not one.
  ExprP extremumDeref(const clang::Expr *It);
  ExprP extremumIndex(const clang::Expr *It, const clang::Expr *First,
                      QualType T, SourceLocation L);

  // Lambdas (Lambdas.cpp).
  /// Local lambdas: the variable and its call operator, lowered where the
  /// lambda is defined (its body reads this function's variables) and
  /// kept by the function source; its calls are always inlined.
  std::map<const clang::ValueDecl *, const clang::CXXMethodDecl *> Lambdas;
  /// Lowers LE's call operator (its by-value captures copied into locals
  /// declared in Out first); returns its key.
  const clang::CXXMethodDecl *lambda(const clang::LambdaExpr *LE,
                                     const std::string &Name, StmtList &Out);
  /// `auto f = [...](...) {...};`
  void lambdaLocal(const clang::VarDecl *VD, StmtList &Out);
  /// A call of a local lambda (its call operator through the closure).
  bool isLambdaCall(const clang::CallExpr *CE) const;

public:
  /// Where lambdas' call operators are kept (null: lambdas are refused).
  ClangFunctionSource *Source = nullptr;

  Lowerer(clang::ASTContext &Ctx, ClangDiagSink &Diags)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Diags(Diags) {}

  // The function (Function.cpp).
  /// The tad annotations on FD.
  std::vector<Annotation> annotations(const clang::FunctionDecl *FD);
  /// FD's signature and, WithBody, its body.
  FunctionP run(const clang::FunctionDecl *FD, bool WithBody = true);
};

} // namespace tad

#endif // TAD_FRONTEND_LOWER_LOWERER_H
