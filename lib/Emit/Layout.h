//===- Emit/Layout.h - line breaking of generated code ----------*- C++ -*-===//
//
// The emitter describes a statement as a small document: text, lists of
// operands or arguments with a break opportunity after each operator or
// comma, brackets, assignments and conditionals. layout() prints it in 80
// columns in the manner of clang-format's LLVM style: a statement that fits
// stays on one line; otherwise each break costs a penalty (lower for looser
// operators and outer nesting levels, as clang-format counts them), and the
// cheapest layout without overlong lines wins. Continuation lines align with
// the start of the operand list or the column after `(`, and fall back to a
// 4-column continuation indent.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_EMIT_LAYOUT_H
#define TAD_EMIT_LAYOUT_H

#include <string>
#include <vector>

namespace tad {
namespace layout {

/// The column limit.
constexpr unsigned Limit = 80;

/// Levels of list separators, numbered as clang-format numbers operator
/// precedences: breaking after a looser one is cheaper.
enum Level : unsigned char {
  Semicolon = 0, // the parts of a for header
  Comma = 1,     // arguments, parameters, initializers
  LogicalOr = 4,
  LogicalAnd = 5,
  BitOr = 6,
  BitXor = 7,
  BitAnd = 8,
  Equality = 9,
  Relational = 10,
  Shift = 12,
  Additive = 13,
  Multiplicative = 14,
};

/// Where a bracket may break after its opening.
enum class Opening : unsigned char {
  Call,        // calls, casts, parentheses, braces: a 4-column indent
  Declaration, // a function's parameter list (see Doc::declaration)
  Header,      // `if (`, `for (`: never
  Operand,     // `(` of an operand after its operator, `a * (`: never
};

/// A document under construction; nodes are numbered in creation order.
class Doc {
public:
  using Id = unsigned;

  Id text(std::string S);
  /// Parts printed one after the other.
  Id concat(std::vector<Id> Parts);
  /// Items separated by Ops (one fewer), each op ending its line when the
  /// list breaks: `a + b - c`, `x, y`. Continuation lines align with the
  /// first item, 4 columns further when Nested (an operand of a looser
  /// operator, or an argument among several).
  Id list(std::vector<Id> Items, std::vector<std::string> Ops, Level L,
          bool Nested);
  /// Open Inner Close: `f(` args `)`.
  Id bracket(std::string Open, Id Inner, std::string Close, Opening K);
  /// `ReturnType Name(Params)Close`, a function's declaration: breaks
  /// between parameters, after `(`, or (dearer) after the return type.
  Id declaration(const std::string &ReturnType, const std::string &Name,
                 Id Params, std::string Close);
  /// `Target Op Value`; the line may break after Op.
  Id assign(Id Target, std::string Op, Id Value);
  /// `Cond ? Then : Else`, breaking before `?` and `:`.
  Id conditional(Id Cond, Id Then, Id Else);

  /// The text on one line.
  std::string flat(Id N) const;
  /// The layout of N starting at column Indent, with Indent spaces before
  /// its first line; no final newline.
  std::string layout(Id N, unsigned Indent) const;

private:
  friend class Layouter;
  enum class Kind : unsigned char { Text, Concat, List, Bracket, Assign, Cond };
  struct Node {
    explicit Node(Kind K) : K(K) {}
    Kind K;
    Level L = Comma;
    Opening Open = Opening::Call;
    bool Nested = false;
    bool Breakable = false; // has a break opportunity
    unsigned Width = 0;     // on one line
    unsigned Head = 0;      // up to the first break opportunity
    unsigned Split = 0;     // a declaration: the length of its return type
    std::string Text;       // Text, Bracket open, Assign operator
    std::string Close;      // Bracket
    std::vector<Id> Kids;
    std::vector<std::string> Ops; // List
  };
  std::vector<Node> Nodes;

  Id add(Node N);
  void appendFlat(Id N, std::string &Out) const;
  /// The fallback where the search for the cheapest layout grows too big
  /// (deep nesting): breaks where a line would overflow, in one pass
  /// (LayoutGreedy.cpp). Returns the column where N ends.
  unsigned greedy(Id N, unsigned Col, unsigned LastSpace, unsigned Indent,
                  std::string &Out) const;
};

/// A `//` comment at column Indent, wrapped at spaces to the column limit.
std::string comment(const std::string &Text, unsigned Indent);

} // namespace layout
} // namespace tad

#endif // TAD_EMIT_LAYOUT_H
