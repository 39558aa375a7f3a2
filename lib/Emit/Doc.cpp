//===- Emit/Doc.cpp - documents of generated code -------------------------===//
//
// A statement to print is a Doc: text, concatenations, lists of operands
// with their operators, brackets, assignments and conditionals, each node
// knowing its flat width and the part of it before its first possible
// break. Layout.cpp chooses where the lines break; this file builds the
// nodes and prints them flat, and wraps comments.
//
//===----------------------------------------------------------------------===//
#include "Emit/Layout.h"

#include <cassert>

namespace tad {
namespace layout {
//===----------------------------------------------------------------------===//
// Building
//===----------------------------------------------------------------------===//

Doc::Id Doc::add(Node N) {
  Nodes.push_back(std::move(N));
  return static_cast<Id>(Nodes.size() - 1);
}

Doc::Id Doc::text(std::string S) {
  Node N(Kind::Text);
  N.Width = N.Head = static_cast<unsigned>(S.size());
  N.Text = std::move(S);
  return add(std::move(N));
}

Doc::Id Doc::concat(std::vector<Id> Parts) {
  Node N(Kind::Concat);
  bool SeenBreak = false;
  for (Id P : Parts) {
    const Node &K = Nodes[P];
    N.Width += K.Width;
    if (!SeenBreak)
      N.Head += K.Breakable ? K.Head : K.Width;
    SeenBreak = SeenBreak || K.Breakable;
  }
  N.Breakable = SeenBreak;
  N.Kids = std::move(Parts);
  return add(std::move(N));
}

Doc::Id Doc::list(std::vector<Id> Items, std::vector<std::string> Ops, Level L,
                  bool Nested) {
  assert(!Items.empty() && Ops.size() + 1 == Items.size());
  if (Items.size() == 1)
    return Items[0];
  Node N(Kind::List);
  N.L = L;
  N.Nested = Nested;
  N.Breakable = true;
  for (size_t I = 0; I < Items.size(); ++I) {
    N.Width += Nodes[Items[I]].Width;
    if (I) // the operator, and a space unless nothing follows (`for (;;)`)
      N.Width += Ops[I - 1].size() + (Nodes[Items[I]].Width ? 1 : 0);
  }
  const Node &First = Nodes[Items[0]];
  N.Head = First.Breakable ? First.Head : First.Width + Ops[0].size();
  N.Kids = std::move(Items);
  N.Ops = std::move(Ops);
  return add(std::move(N));
}

Doc::Id Doc::bracket(std::string Open, Id Inner, std::string Close, Opening K) {
  Node N(Kind::Bracket);
  const Node &In = Nodes[Inner];
  N.Open = K;
  N.Width = Open.size() + In.Width + Close.size();
  const bool Never = K == Opening::Header || K == Opening::Operand;
  N.Breakable = !Never || In.Breakable;
  N.Head = !Never         ? Open.size()
           : In.Breakable ? Open.size() + In.Head
                          : N.Width;
  N.Text = std::move(Open);
  N.Close = std::move(Close);
  N.Kids = {Inner};
  return add(std::move(N));
}

Doc::Id Doc::declaration(const std::string &ReturnType, const std::string &Name,
                         Id Params, std::string Close) {
  Id N = bracket(ReturnType + " " + Name + "(", Params, std::move(Close),
                 Opening::Declaration);
  Nodes[N].Split = static_cast<unsigned>(ReturnType.size());
  return N;
}

Doc::Id Doc::assign(Id Target, std::string Op, Id Value) {
  Node N(Kind::Assign);
  N.Width = Nodes[Target].Width + Op.size() + 1 + Nodes[Value].Width;
  N.Head = Nodes[Target].Width + Op.size();
  N.Breakable = true;
  N.Text = std::move(Op);
  N.Kids = {Target, Value};
  return add(std::move(N));
}

Doc::Id Doc::conditional(Id Cond, Id Then, Id Else) {
  Node N(Kind::Cond);
  const Node &C = Nodes[Cond];
  N.Width = C.Width + 3 + Nodes[Then].Width + 3 + Nodes[Else].Width;
  N.Head = C.Breakable ? C.Head : C.Width;
  N.Breakable = true;
  N.Kids = {Cond, Then, Else};
  return add(std::move(N));
}

void Doc::appendFlat(Id Id, std::string &Out) const {
  const Node &N = Nodes[Id];
  switch (N.K) {
  case Kind::Text:
    Out += N.Text;
    return;
  case Kind::Concat:
    for (Doc::Id K : N.Kids)
      appendFlat(K, Out);
    return;
  case Kind::List:
    for (size_t I = 0; I < N.Kids.size(); ++I) {
      if (I) {
        Out += N.Ops[I - 1];
        if (Nodes[N.Kids[I]].Width)
          Out += ' ';
      }
      appendFlat(N.Kids[I], Out);
    }
    return;
  case Kind::Bracket:
    Out += N.Text;
    appendFlat(N.Kids[0], Out);
    Out += N.Close;
    return;
  case Kind::Assign:
    appendFlat(N.Kids[0], Out);
    Out += N.Text;
    Out += ' ';
    appendFlat(N.Kids[1], Out);
    return;
  case Kind::Cond:
    appendFlat(N.Kids[0], Out);
    Out += " ? ";
    appendFlat(N.Kids[1], Out);
    Out += " : ";
    appendFlat(N.Kids[2], Out);
    return;
  }
}

std::string Doc::flat(Id N) const {
  std::string S;
  S.reserve(Nodes[N].Width);
  appendFlat(N, S);
  return S;
}

//===----------------------------------------------------------------------===//
// Comments
//===----------------------------------------------------------------------===//

std::string comment(const std::string &Text, unsigned Indent) {
  const size_t Room = Limit > Indent + 3 ? Limit - Indent - 3 : 0;
  std::string Out;
  size_t At = 0;
  while (true) {
    Out.append(Indent, ' ');
    Out += "//";
    size_t End = Text.size();
    if (End - At > Room) {
      // The last space that leaves the line within the limit, else the
      // first one (a word longer than the line).
      size_t Space = Text.rfind(' ', At + Room);
      if (Space == std::string::npos || Space <= At)
        Space = Text.find(' ', At + Room);
      if (Space != std::string::npos)
        End = Space;
    }
    if (End > At)
      Out += ' ' + Text.substr(At, End - At);
    Out += '\n';
    if (End == Text.size())
      return Out;
    At = Text.find_first_not_of(' ', End);
    if (At == std::string::npos)
      return Out;
  }
}
} // namespace layout
} // namespace tad
