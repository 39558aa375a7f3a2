//===- IR/IR.h - tad's intermediate representation -------------*- C++ -*-===//
//
// A small, typed, structured IR: scalar and pointer-typed variables, pure
// expression trees, assignments, structured control flow and calls. Every
// node carries the source location it came from. Expressions are immutable
// and shared (transforms reference primal subexpressions freely); statements
// are trees owned by their parent.
//
// Nothing here depends on Clang: the frontend lowers Clang's AST to this IR,
// the transforms rewrite it, and the emitter prints it.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_IR_IR_H
#define TAD_IR_IR_H

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tad {

/// A source position, with the frontend's opaque handle for diagnostics.
struct SrcLoc {
  unsigned Line = 0, Col = 0;
  std::uint64_t Handle = 0; ///< Clang SourceLocation raw encoding (+1), 0=none
  bool valid() const { return Handle != 0; }
};

/// The scalar kinds the IR knows about; Record is a struct (Type::Rec).
enum class ScalarKind { Void, Bool, Int, Float, Double, LongDouble, Record };

struct Record;
struct Expr;

/// The standard containers tad models as arrays of their elements: a
/// `std::vector<T>` (its size known at run time) and a `std::array<T, N>`.
enum class Container : unsigned char { None, Vector, Array };

/// A value type: a scalar, or a pointer to one (arrays are passed by pointer).
struct Type {
  ScalarKind Kind = ScalarKind::Void;
  /// How integer types are spelled in source ("int", "unsigned long",
  /// "std::size_t"): kept so that the emitted code reads as written.
  std::string IntSpelling;
  /// An unsigned integer type, however it is spelled (size_t, uint32_t, a
  /// typedef): its arithmetic wraps at 0.
  bool Unsigned = false;
  bool IsPointer = false;
  bool PointeeConst = false; ///< const T*: an input array
  bool Restrict = false;     ///< T* __restrict__
  bool Const = false;        ///< top-level const (locals, by-value params)
  /// A `T &` parameter (with IsPointer: tad treats it as a one-element
  /// array), or a one-element local array passed to one: spelled as the
  /// scalar it names, `x` for both the variable and `x[0]`.
  bool Reference = false;
  /// An object of the runtime (the tape, a solver), spelled IntSpelling
  /// and used through calls by name: never dropped as dead.
  bool Object = false;
  /// A struct: its fields (Kind is Record).
  std::shared_ptr<const Record> Rec;
  /// A `const S &` parameter of a struct type S: read as a value, spelled
  /// as a reference.
  bool ConstRef = false;
  /// An array held in a standard container: a parameter `const
  /// std::vector<T> &` or `std::array<T, N> &` (IsPointer: read and
  /// written through like a pointer), a local `std::vector<T>` (IsPointer,
  /// sized by Var::Size) or `std::array<T, N>` (a local array of N).
  Container Cont = Container::None;
  std::uint64_t ContN = 0; ///< std::array's N

  static Type scalar(ScalarKind K) {
    Type T;
    T.Kind = K;
    return T;
  }
  static Type integer(std::string Spelling) {
    Type T;
    T.Kind = ScalarKind::Int;
    T.IntSpelling = std::move(Spelling);
    return T;
  }
  static Type object(std::string Spelling) {
    Type T = integer(std::move(Spelling));
    T.Object = true;
    return T;
  }
  bool isFloating() const {
    return Kind == ScalarKind::Float || Kind == ScalarKind::Double ||
           Kind == ScalarKind::LongDouble;
  }
  bool isRecord() const { return Kind == ScalarKind::Record; }
  /// Floating values, directly or in a field of a struct.
  bool holdsFloats() const;
  /// A floating scalar or a pointer to floating values: carries derivatives.
  bool isDifferentiable() const { return isFloating(); }
  bool isScalar() const { return !IsPointer; }
  bool isVoid() const { return Kind == ScalarKind::Void && !IsPointer; }
  /// The type of p[i] for a pointer p.
  Type element() const {
    Type T = *this;
    T.IsPointer = false;
    T.Const = PointeeConst;
    T.PointeeConst = false;
    T.Restrict = false;
    T.Reference = false;
    T.ConstRef = false;
    T.Cont = Container::None;
    T.ContN = 0;
    return T;
  }
  /// The same scalar type without qualifiers.
  Type unqualified() const {
    Type T = *this;
    T.Const = false;
    T.Restrict = false;
    T.ConstRef = false;
    return T;
  }
  bool sameScalar(const Type &O) const {
    return Kind == O.Kind && IntSpelling == O.IntSpelling && Rec == O.Rec;
  }
};

/// A struct type: plain data fields (scalars, structs, fixed arrays of
/// scalars), no virtual functions or bases.
struct Record {
  std::string Spelling; ///< as written in generated code ("phys::Body")
  struct Field {
    std::string Name;
    Type Ty;                         ///< a scalar or a struct
    std::vector<std::uint64_t> Dims; ///< a fixed array member (flat)
    /// A default member initializer (`double m = 1;`): `S v = {}` gives
    /// the field that value, which a tangent must not have.
    bool HasDefault = false;
  };
  std::vector<Field> Fields;
  bool HasFloats = false;
  /// User-provided constructors: `S v = {}` runs the default one, whose
  /// values a tangent must not have.
  bool HasConstructors = false;
};

/// A named variable: parameter, local scalar or local fixed-size array.
struct Var {
  std::string Name;
  Type Ty;
  SrcLoc Loc;
  bool IsParam = false;
  /// A tangent made by the JVP (the linear variables of a linearized
  /// program).
  bool IsTangent = false;
  /// Extents of a local array (`double a[4]` has {4}); empty for scalars
  /// and pointers.
  std::vector<std::uint64_t> Dims;
  /// A `__shared__` local array of a kernel: one array per block, which
  /// every thread of the block reads and writes. Declared without an
  /// initializer, printed with `__shared__`.
  bool Shared = false;
  /// A struct variable's fields, in the order of the struct; a field is a
  /// variable of its own (the passes see only scalars and arrays), spelled
  /// through its parent: `p.x`, `b[i].x` for the field x of an array b of
  /// structs (the field variable is then an array too), `p.v[k]`.
  std::vector<std::shared_ptr<Var>> Fields;
  std::weak_ptr<Var> Parent;
  /// A field of an array of structs: an array whose elements are the
  /// field of the parent's elements (b.x[i] is b[i].x).
  bool ElementOfParent = false;
  /// An array member of an array of structs (`double v[3]` of `Body *b`):
  /// the member's length S; the field is one flat array, b.v[i * S + k]
  /// is b[i].v[k] (0: not such a field).
  std::uint64_t MemberExtent = 0;
  /// A `const T *` member of a cotangent struct: the cotangent array it
  /// views is written through it (spelled `const_cast<T *>(ct_s->w)`).
  bool WritesThroughConst = false;
  /// A local std::vector: its size where it is declared (null: empty).
  std::shared_ptr<const Expr> Size;
  /// The tangent of a local std::vector: the size its cotangent is
  /// declared with at the start of the reverse sweep (set by the JVP:
  /// `v.size()` for a vector of the function's outermost block, which the
  /// reverse sweep sees as the forward sweep left it; the declared size of
  /// one in a nested block whose size never changes; null where reverse
  /// mode cannot know it).
  std::shared_ptr<const Expr> FinalSize;
  bool isArray() const { return !Dims.empty() || Ty.IsPointer; }
  /// The floating type of its elements or its value, if any (for a
  /// struct: in a field).
  bool carriesFloats() const { return Ty.holdsFloats(); }
  bool isField() const { return !Parent.expired(); }
};
using VarP = std::shared_ptr<Var>;

/// The field variables of V (a struct variable), made from its type; V
/// must be held by a shared_ptr. A field of an array of structs is an
/// array (a pointer, or the local array's extents).
void makeFields(const VarP &V);
/// A new variable like V (type, extents, flags) named Name, with fields of
/// its own when V is a struct.
VarP cloneVar(const Var &V, const std::string &Name);
/// Calls F(a, b) for the fields of A and B, two variables of one struct
/// type, pairwise and at every level (nested structs, then their fields).
void forEachFieldPair(const Var &A, const Var &B,
                      const std::function<void(const VarP &, const VarP &)> &F);
/// Calls F on the scalar and array fields of V at every level (not the
/// nested struct fields themselves).
void forEachLeafField(const Var &V, const std::function<void(const VarP &)> &F);
/// The outermost struct variable V is a field of (V itself if none).
VarP rootOfFields(const VarP &V);

struct Function;

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

enum class UnOp { Neg, Not, BitNot, AddrOf, Deref };
enum class BinOp {
  Add,
  Sub,
  Mul,
  Div,
  Rem,
  Lt,
  Le,
  Gt,
  Ge,
  Eq,
  Ne,
  LAnd,
  LOr,
  BitAnd,
  BitOr,
  BitXor,
  Shl,
  Shr
};
const char *spelling(UnOp Op);
const char *spelling(BinOp Op);
bool isComparison(BinOp Op);
bool isLogical(BinOp Op);

/// Identifies a function with a built-in derivative rule (Transforms/Rules).
using BuiltinId = int;

struct Expr;
using ExprP = std::shared_ptr<const Expr>;

struct Expr {
  enum class Kind { Lit, VarRef, Index, Unary, Binary, Select, Call, Cast };
  Kind K;
  Type Ty;
  SrcLoc Loc;

  // Lit: value and spelling (the user's spelling where it came from source).
  double Value = 0;
  std::string Spelling;
  // VarRef
  VarP V;
  // Unary/Binary
  UnOp UOp = UnOp::Neg;
  BinOp BOp = BinOp::Add;
  // Operands: Index {base, index}; Unary {x}; Binary {l, r};
  // Select {cond, then, else}; Call {args...}; Cast {x}.
  std::vector<ExprP> Ops;
  // Call: a built-in maths function, or a user function.
  BuiltinId Builtin = -1;
  std::string Callee;              ///< name as emitted
  const void *CalleeKey = nullptr; ///< frontend's handle for user functions
  // Call of a generated function: the function (a JVP; or, in a linear
  // program, the primal function whose linear map the call applies).
  const Function *Target = nullptr;
  bool LinearCall = false;
  /// A call of a function linear in some of its arguments, applied to its
  /// own arguments with the linear ones tangents (a custom-transpose
  /// function in a JVP, a linear callee in a linear function): Target is
  /// the callee, transposed by its rule or its generated transpose.
  bool DirectLinear = false;
  // Cast: an implicit conversion in the source (printed without a cast
  // where that keeps its meaning).
  bool Implicit = false;
  /// A call the transforms must inline (a lambda's: its body reads the
  /// caller's variables).
  bool MustInline = false;

  Expr(Kind K, Type Ty, SrcLoc Loc) : K(K), Ty(std::move(Ty)), Loc(Loc) {}
  bool is(Kind Other) const { return K == Other; }
  const ExprP &op(unsigned I) const { return Ops[I]; }
  bool isUserCall() const { return K == Kind::Call && Builtin < 0; }
};

// Factory functions; each returns a new immutable node.
ExprP mkLit(double Value, Type Ty, SrcLoc Loc = {}, std::string Spelling = "");
ExprP mkVar(VarP V, SrcLoc Loc = {});
/// a[i]; an offset base (a + k)[i] is folded to a[k + i].
ExprP mkIndex(ExprP Base, ExprP Index, SrcLoc Loc = {});
/// A pointer into an array: a + Off (pointer-typed Add; nested offsets are
/// summed, a zero offset is the array itself). The derivative follows the
/// same offset on the tangent and cotangent arrays.
ExprP mkOffset(ExprP Base, ExprP Off, SrcLoc Loc = {});
bool isOffset(const ExprP &E);
ExprP mkUnary(UnOp Op, ExprP X, Type Ty, SrcLoc Loc = {});
ExprP mkBinary(BinOp Op, ExprP L, ExprP R, Type Ty, SrcLoc Loc = {});
ExprP mkSelect(ExprP C, ExprP T, ExprP E, Type Ty, SrcLoc Loc = {});
ExprP mkBuiltinCall(BuiltinId Id, std::string Name, std::vector<ExprP> Args,
                    Type Ty, SrcLoc Loc = {});
ExprP mkUserCall(std::string Name, const void *Key, std::vector<ExprP> Args,
                 Type Ty, SrcLoc Loc = {});
ExprP mkCast(Type To, ExprP X, SrcLoc Loc = {}, bool Implicit = false);

/// The variable an lvalue or array expression is rooted at (x in x[i][j],
/// a in a + k).
VarP rootVar(const ExprP &E);
/// Calls F on every variable referenced in E (including index
/// expressions); a field's use is a use of the structs it belongs to too.
template <typename Fn> void forEachVar(const ExprP &E, Fn &&F) {
  if (!E)
    return;
  if (E->is(Expr::Kind::VarRef)) {
    F(E->V);
    for (VarP P = E->V->Parent.lock(); P; P = P->Parent.lock())
      F(P);
  }
  for (const ExprP &O : E->Ops)
    forEachVar(O, F);
}
/// E rebuilt bottom-up where Replace says so: Replace(node) returns the
/// node's replacement, or null to keep the node and rewrite its operands.
/// Unchanged subtrees are shared, not copied.
ExprP rewriteExpr(const ExprP &E,
                  const std::function<ExprP(const ExprP &)> &Replace);
/// E with the variables of M replaced (expressions are shared).
ExprP substituteVars(const ExprP &E, const std::map<const Var *, ExprP> &M);
/// Structural equality of expressions (same variables, operators, literal
/// values).
bool sameExpr(const ExprP &A, const ExprP &B);
/// E calls a user function (or the tape) somewhere.
bool callsUserFunction(const ExprP &E);

/// A variable held in a standard container (Type::Cont).
inline bool isContainer(const Var &V) { return V.Ty.Cont != Container::None; }
/// The operations that change a std::vector's size, as calls on the vector
/// (Ops[0]) without a callee, so that every pass keeps them in order as it
/// keeps calls with effects: `.resize(v, n[, old])` (old: v's size before,
/// which a transpose restores), `.push_back(v, x)` and `.pop_back(v)`.
/// (v.size() is the builtin `.size`, Rules/ExprBuilder.h.)
enum class ShapeOp { None, Resize, PushBack, PopBack };
ShapeOp shapeOp(const Expr &E);
ExprP mkShapeOp(ShapeOp Op, std::vector<ExprP> Args, SrcLoc Loc = {});
/// `v.size()` of a std::vector (the builtin `.size`): it reads v's size,
/// not its elements.
inline bool isSizeQuery(const Expr &E) {
  return E.is(Expr::Kind::Call) && E.Builtin >= 0 && E.Callee == ".size";
}
/// Calls F on every variable whose value E reads: as forEachVar, but not
/// the container of a size query (writes to elements leave it alone).
void forEachValueVar(const ExprP &E,
                     const std::function<void(const VarP &)> &F);
/// A method call of the standard library: printed `a.f(b, ...)` for a
/// call named ".f" with operands a, b, ...
inline bool isMethodCall(const Expr &E) {
  return E.is(Expr::Kind::Call) && !E.Callee.empty() && E.Callee[0] == '.';
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

enum class AssignOp { Set, Add, Sub, Mul, Div, Rem, Other };

struct Stmt;
using StmtP = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtP>;

struct Stmt {
  enum class Kind {
    Decl,     ///< V [= Init | {InitList}]
    Assign,   ///< LHS op= RHS
    ExprStmt, ///< a call evaluated for its effects
    If,       ///< if (Cond) Body else Else
    For,      ///< for (Init; Cond; Inc) Body
    While,    ///< while (Cond) Body
    DoWhile,  ///< do Body while (Cond)
    Break,
    Continue,
    Return, ///< return [Value]
    Block,  ///< { Body }
  };
  Kind K;
  SrcLoc Loc;
  /// A comment the emitter prints before the statement ("line 12").
  std::string Comment;

  VarP V;                      // Decl
  ExprP Init;                  // Decl
  std::vector<ExprP> InitList; // Decl of an array with {...}
  bool HasInitList = false;    // Decl: `{}` written (possibly empty)
  ExprP LHS, RHS;              // Assign
  AssignOp AOp = AssignOp::Set;
  std::string OtherOpSpelling; // Assign with AssignOp::Other ("<<=")
  ExprP Value;                 // ExprStmt, Return
  ExprP Cond;                  // If, For (may be null), While, DoWhile
  StmtList Body;               // Block, If-then, loops
  StmtList Else;               // If
  bool HasElse = false;
  StmtList ForInit, ForInc; // For
  /// Linear programs: a loop run TripCount times (a While with no Cond).
  VarP TripCount;
  /// Linear programs: tape residuals this statement reads, in push order;
  /// the transpose pops them (last first) before the transposed statement.
  std::vector<VarP> Pops;
  /// Linear programs: a Decl of a non-linear local that the transpose
  /// re-declares at the front of its block, in order, before the reversed
  /// statements (its value is recomputed, or read back from a residual).
  bool Recompute = false;
  /// For: a `#pragma omp parallel for` loop, its iterations run by several
  /// threads; Reduction: the scalars of its `reduction(+ : ...)` clause.
  bool Parallel = false;
  std::vector<VarP> Reduction;
  /// Assign: an accumulation that several threads may make to one location
  /// at once (`#pragma omp atomic` before it).
  bool Atomic = false;

  Stmt(Kind K, SrcLoc Loc) : K(K), Loc(Loc) {}
  bool is(Kind Other) const { return K == Other; }
};

StmtP mkDecl(VarP V, ExprP Init, SrcLoc Loc = {});
StmtP mkAssign(ExprP LHS, AssignOp Op, ExprP RHS, SrcLoc Loc = {});
StmtP mkExprStmt(ExprP E, SrcLoc Loc = {});
StmtP mkReturn(ExprP Value, SrcLoc Loc = {});
StmtP mkStmt(Stmt::Kind K, SrcLoc Loc = {});
const char *spelling(AssignOp Op);

/// Field K of the struct Place: `p` (a struct variable) gives p.f,
/// `b[i]` (an element of an array of structs) b.f[i], a pointer `b` or
/// `b + k` to structs the pointer to the field, b.f or b.f + k.
ExprP fieldOfPlace(const ExprP &Place, size_t K);
/// A scalar field of a struct passed by reference is element 0 of a
/// one-element array (a `T &`): E, or E[0] for such a field.
ExprP scalarPlace(const ExprP &E);
/// Dst = Src for two struct places (fieldOfPlace), field by field;
/// pointer members are not copied (a struct of views is bound, not
/// copied: Prepare/Inline).
void copyFields(const ExprP &Dst, const ExprP &Src, StmtList &Out, SrcLoc Loc);
/// `V = {}` for a derivative struct V (a tangent, a cotangent) followed
/// by zeroes for the fields that have default member initializers.
void declareZeroRecord(const VarP &V, StmtList &Out, SrcLoc Loc = {});

//===----------------------------------------------------------------------===//
// Functions and modules
//===----------------------------------------------------------------------===//

/// Qualifiers kept from the source and reproduced on generated functions.
enum Qualifier : unsigned {
  QStatic = 1,
  QInline = 2,
  QConstexpr = 4,
  QHost = 8,
  QDevice = 16,
  QGlobal = 32,
};

/// A tad annotation on a function, e.g. {"jvp", {}} or {"linear", {"z"}}.
struct Annotation {
  std::string Kind;
  std::vector<std::string> Args;
  SrcLoc Loc;
};

struct Function {
  std::string Name;
  /// Enclosing namespaces, "a::b" (empty: the global namespace).
  std::string Namespace;
  Type RetTy;
  std::vector<VarP> Params;
  StmtList Body;
  unsigned Qualifiers = 0;
  SrcLoc Loc;
  std::string File; ///< source file name, for comments
  std::vector<Annotation> Annotations;
  /// For a lowered function, the frontend's handle of its declaration; for
  /// a generated function, the primal Function it was derived from.
  const void *Key = nullptr;
  /// Parameters declared without a name in the output (unused tangents).
  std::vector<bool> UnnamedParams;
  /// For generated functions: what it computes ("JVP", "VJP", "gradient").
  std::string Mode;
  /// The body declares a tad::Tape (the output includes tad/tape.h).
  bool UsesTape = false;
  /// The body calls tad::pivot (the output includes tad/inverse.h).
  bool UsesInverseRuntime = false;
  /// A user function with a visible definition (a function with a
  /// registered rule may have none).
  bool HasBody = true;
  /// How a call of this user function is spelled, where not as its
  /// qualified name: an instantiation of a function template, named
  /// `sq_double`, is called as `sq<double>`.
  std::string CallName;

  bool hasAnnotation(const std::string &K) const {
    for (const Annotation &A : Annotations)
      if (A.Kind == K)
        return true;
    return false;
  }
};
using FunctionP = std::unique_ptr<Function>;

/// A copy of F (its statements deep-copied) under the same name.
FunctionP cloneFunction(const Function &F);

/// "a::b::f" for f in namespace a::b.
inline std::string qualifiedName(const Function &F) {
  return F.Namespace.empty() ? F.Name : F.Namespace + "::" + F.Name;
}

/// The spelling of a call of the user function F (qualified).
inline std::string callName(const Function &F) {
  return F.CallName.empty() ? qualifiedName(F) : F.CallName;
}

/// Leaves the parameters of F that its body never reads unnamed, so that
/// generated code compiles without -Wunused-parameter.
struct Function;
void unnameUnreadParams(Function &F);

/// Deep copy of a statement (expressions are shared: they are immutable).
StmtP cloneStmt(const Stmt &S);
StmtList cloneList(const StmtList &L);

/// Where transforms report problems; the frontend maps SrcLoc back to
/// Clang source locations so messages are in clang's format.
class DiagSink {
public:
  virtual ~DiagSink() = default;
  virtual void error(SrcLoc Loc, const std::string &Msg) = 0;
  virtual void note(SrcLoc Loc, const std::string &Msg) = 0;
  virtual void warning(SrcLoc Loc, const std::string &Msg) { note(Loc, Msg); }
  bool hadError() const { return Errors > 0; }
  unsigned errorCount() const { return Errors; }

protected:
  unsigned Errors = 0;
};

} // namespace tad

#endif // TAD_IR_IR_H
