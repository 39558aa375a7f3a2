//===- Emit/LayoutGreedy.cpp - one-pass line breaking ---------------------===//
//
// Where Layouter's search for the cheapest layout would grow too big (a
// statement nested hundreds of brackets deep, whose every layout overflows
// the line), the statement is laid out in one pass instead: each node is
// printed on the current line when it fits there; otherwise a list (of
// operands, of arguments) breaks before an item whose first part would pass
// the column limit, where that part then fits on the new line (else the
// line goes on: deep inside, every line overflows). The continuation
// columns are Layouter's; nothing breaks after `(` or `=`.
//
//===----------------------------------------------------------------------===//
#include "Emit/Layout.h"

#include <algorithm>

namespace tad {
namespace layout {

namespace {
constexpr unsigned ContinuationIndent = 4;

void newline(std::string &Out, unsigned Col) {
  Out += '\n';
  Out.append(Col, ' ');
}
} // namespace

unsigned Doc::greedy(Id N, unsigned Col, unsigned LastSpace, unsigned Indent,
                     std::string &Out) const {
  const Node &X = Nodes[N];
  if (!X.Breakable || Col + X.Width <= Limit) {
    appendFlat(N, Out);
    return Col + X.Width;
  }
  // The columns up to a node's first break opportunity.
  auto HeadOf = [&](Id K) {
    return Nodes[K].Breakable ? Nodes[K].Head : Nodes[K].Width;
  };
  switch (X.K) {
  case Kind::Text:
    Out += X.Text;
    return Col + X.Width;
  case Kind::Concat:
    for (Id K : X.Kids)
      Col = greedy(K, Col, LastSpace, Indent, Out);
    return Col;
  case Kind::List: {
    const unsigned Base = std::max({Col, Indent, LastSpace});
    const unsigned Align = X.Nested ? Base + ContinuationIndent : Base;
    Col = greedy(X.Kids[0], Col, std::max(Col, LastSpace), Align, Out);
    for (size_t I = 1; I < X.Kids.size(); ++I) {
      Out += X.Ops[I - 1];
      Col += static_cast<unsigned>(X.Ops[I - 1].size());
      const Id K = X.Kids[I];
      const unsigned Space = Nodes[K].Width ? 1 : 0;
      if (Col + Space + HeadOf(K) > Limit && Align + HeadOf(K) <= Limit) {
        newline(Out, Align);
        Col = greedy(K, Align, Align, Align, Out);
        continue;
      }
      Out.append(Space, ' ');
      Col = greedy(K, Col + Space, Col + Space, Align, Out);
    }
    return Col;
  }
  case Kind::Bracket: {
    Out += X.Text;
    const unsigned Open = Col + static_cast<unsigned>(X.Text.size());
    Col = greedy(X.Kids[0], Open, X.Open == Opening::Header ? Open : LastSpace,
                 Open, Out);
    Out += X.Close;
    return Col + static_cast<unsigned>(X.Close.size());
  }
  case Kind::Assign: {
    appendFlat(X.Kids[0], Out);
    Out += X.Text;
    Out += ' ';
    const unsigned At =
        Col + Nodes[X.Kids[0]].Width + static_cast<unsigned>(X.Text.size()) + 1;
    return greedy(X.Kids[1], At, LastSpace, Indent, Out);
  }
  case Kind::Cond: {
    const unsigned In = std::max({Col, Indent, LastSpace}) + ContinuationIndent;
    Col = greedy(X.Kids[0], Col, std::max(LastSpace, Col), In, Out);
    Out += " ? ";
    Col = greedy(X.Kids[1], Col + 3, Col + 3, In, Out);
    Out += " : ";
    return greedy(X.Kids[2], Col + 3, Col + 3, In, Out);
  }
  }
  return Col;
}

} // namespace layout
} // namespace tad
